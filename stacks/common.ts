/**
 * Illustrative identifiers shared by the reference stacks. They are placeholders (documentation
 * account ids, example Direct Connect connections); replace them with the municipality's own.
 */

/** Account in which people authenticate (with MFA) before assuming roles in the workload accounts. */
export const IDENTITY_ACCOUNT_ROOT = "arn:aws:iam::111122223333:root";

/** Premises networks of the city hall, per zone. */
export const PREMISES = {
  mynumber: ["172.16.0.0/20"],
  lgwan: ["172.20.0.0/20"],
} as const;

/** Two Direct Connect connections at two locations (Tokyo and Osaka) for a zone. */
export function twoLocations(vlanBase: number) {
  return [
    { connectionId: "dxcon-tokyo0001", location: "EqTY2", vlan: vlanBase, bgpAsn: 65010 },
    { connectionId: "dxcon-osaka0001", location: "EqOS1", vlan: vlanBase + 1, bgpAsn: 65010 },
  ];
}
