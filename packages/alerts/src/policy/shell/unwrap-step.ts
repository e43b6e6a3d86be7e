/** What a wrapper or interpreter runs in turn: commands to check, or scripts to parse first. */
export interface UnwrapStep {
  readonly commands?: readonly (readonly string[])[];
  readonly scripts?: readonly string[];
}
