import { keyPath } from "../json-path.js";
import type { Field } from "../rail/types.js";
import { elementLabel } from "../rail/xml.js";

/** Where a field sits: its JSONPath (`*` for list items) and its element path for messages. */
export interface FieldLocation {
  /** `$`, `$.fees`, `$.fees.*.name`, `$["odd key"]`. */
  path: string;
  /** `output > list "fees" > object > string "name"`. */
  elementPath: string;
}

/** A field as element paths name it, the reader's way: `list "fees"`, or `object` unnamed. */
const describe = (field: Field): string => elementLabel(field.kind, field.name);

/**
 * Visits every field in document order, parents before children. Case children of a
 * discriminated choice live inside the choice's object; those of a sibling-style (0.1) choice
 * are keys of the object that holds the choice.
 */
export function walkFields(
  root: Field,
  visit: (field: Field, location: FieldLocation) => void,
): void {
  const visitField = (field: Field, location: FieldLocation, containerPath: string): void => {
    visit(field, location);
    if (field.kind === "object") {
      for (const child of field.children) visitChild(child, location, location.path);
    } else if (field.kind === "list" && field.item) {
      const path = `${location.path}.*`;
      visitField(
        field.item,
        { path, elementPath: `${location.elementPath} > ${describe(field.item)}` },
        path,
      );
    } else if (field.kind === "choice") {
      const casePath = field.style === "discriminated" ? location.path : containerPath;
      for (const choiceCase of field.cases) {
        const caseLocation = {
          path: casePath,
          elementPath: `${location.elementPath} > case "${choiceCase.name}"`,
        };
        for (const child of choiceCase.children) visitChild(child, caseLocation, casePath);
      }
    }
  };
  const visitChild = (child: Field, parent: FieldLocation, containerPath: string): void => {
    const path = keyPath(containerPath, child.name ?? "");
    const elementPath = `${parent.elementPath} > ${describe(child)}`;
    visitField(child, { path, elementPath }, containerPath);
  };
  visitField(root, { path: "$", elementPath: "output" }, "$");
}
