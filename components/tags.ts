/**
 * Tags the program puts on AWS resources for the policy pack to read. `ROTATION_TAG` names, on a secret that no
 * Secrets Manager schedule rotates, the stack setting (a rotation marker) that does.
 */
export const ROTATION_TAG = "strata.io/rotation";
