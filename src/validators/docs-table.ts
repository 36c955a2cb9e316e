import type { ValidatorRegistry } from "../contract/registry.js";
import type { ArgSpec } from "../contract/types.js";

/** The README's validator table, generated from the registry so docs cannot drift from code. */
export function validatorTable(registry: ValidatorRegistry): string {
  const rows = registry.names().map((name) => {
    const definition = registry.get(name);
    const docs = definition?.docs;
    const types = definition?.types === "all" ? "all" : (definition?.types ?? []).join(", ");
    return [
      `\`${name}\``,
      types,
      formatArgs(definition?.args ?? []),
      docs?.check ?? "",
      docs?.fix ?? "",
      docs?.advice ?? "",
    ]
      .map(escapeCell)
      .join(" | ");
  });
  const header =
    "| alias | types | arguments | check | fix | on-fail advice |\n|---|---|---|---|---|---|";
  return [header, ...rows.map((row) => `| ${row} |`)].join("\n");
}

function formatArgs(args: readonly ArgSpec[]): string {
  if (args.length === 0) return "–";
  return args
    .map((arg) => {
      const shown =
        arg.default === undefined ? arg.name : `${arg.name}=${JSON.stringify(arg.default)}`;
      return arg.optional || arg.default !== undefined ? `[${shown}]` : shown;
    })
    .join(" ");
}

const escapeCell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
