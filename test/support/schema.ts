import Ajv from "ajv";
import { isCalendarDate } from "../../policy-pack/src/api";

/** JSON schema validation with the "date" format Pulumi's validator (gojsonschema) checks: a real calendar date. */
export const newAjv = (): Ajv =>
  new Ajv({ strict: false, allErrors: true }).addFormat("date", { type: "string", validate: isCalendarDate });
