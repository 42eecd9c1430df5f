/** Inputs the provider echoes back in a fuller form (the table: policy/rules/readiness.ts, ECHOED_WHOLE). */
import { ECHOED_WHOLE } from "../../../policy/rules/readiness";
import { managedResources } from "./plan-view";
import { ReadinessRule } from "./types";

export const perpetualDiffs: ReadinessRule = ({ stack }) =>
    managedResources(stack.plan).flatMap((r) =>
        ECHOED_WHOLE.filter((e) => e.type === r.type).flatMap((e) => {
            const missing = e.missing(r.inputs);
            return missing.length === 0
                ? []
                : [
                      {
                          rule: "perpetual-diff",
                          resource: r.urn,
                          message: `${r.name}: ${e.describe} leave out ${missing.join(", ")}, which AWS returns and the provider stores: every \`up\` shows a change (and replaces the resource). Declare them, with the status AWS reports`,
                          source: e.source,
                      },
                  ];
        }),
    );
