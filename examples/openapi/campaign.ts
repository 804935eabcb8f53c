// A TypeScript integrator's view of the API, from types generated out of
// docs/openapi.json (README: "The API as an OpenAPI document"):
//   npx openapi-typescript docs/openapi.json -o santral-api.d.ts
// scripts/test-openapi.sh generates them and type-checks this file.
import type { components, operations } from "./santral-api";

type Campaign = components["schemas"]["Campaign"];
type Lead = NonNullable<Campaign["phone_list"]>[number];

const leads: Lead[] = [{ phone: "05321234567", phrase: "#429 12/05/2017", lang: "tr-TR" }];

export const campaign: Campaign = {
  call_type: "ivr",
  name: "Memnuniyet anketi",
  ring_timeout: 30,
  active_days: [1, 2, 3, 4, 5],
  phone_list: leads,
};

// The reply of create_campaign is the new campaign's id, as plain text.
export type CreatedId = operations["create_campaign"]["responses"][200]["content"]["text/plain"];
export const id: CreatedId = "20212";
