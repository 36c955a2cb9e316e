import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/**
 * The value imports between the TypeScript files under `root`, by path relative to it: static
 * imports and re-exports that are not `import type`/`export type` (under `verbatimModuleSyntax`
 * `import { type A }` still loads the module), and dynamic `import()` calls. Only relative
 * specifiers: packages are not part of the graph.
 */
export function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of tsFiles(root)) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
    const targets: string[] = [];
    const add = (specifier: ts.Expression | undefined) => {
      if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith(".")) {
        const target = resolve(dirname(file), specifier.text.replace(/\.js$/, ".ts"));
        targets.push(relative(root, target));
      }
    };
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) add(node.moduleSpecifier);
      else if (ts.isExportDeclaration(node) && !node.isTypeOnly) add(node.moduleSpecifier);
      else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        add(node.arguments[0]);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    graph.set(relative(root, file), targets);
  }
  return graph;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The import cycles of a graph: its strongly connected components of more than one file, or a file importing itself. */
export function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  // Iterative Tarjan: a deep import chain must not exhaust the call stack.
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { file: string; next: number }[] = [{ file: start, next: 0 }];
    const enter = (file: string) => {
      index.set(file, index.size);
      low.set(file, index.get(file) as number);
      stack.push(file);
      onStack.add(file);
    };
    enter(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { file: string; next: number };
      const targets = graph.get(frame.file) ?? [];
      const target = targets[frame.next++];
      if (target !== undefined) {
        if (!graph.has(target)) continue;
        if (!index.has(target)) {
          enter(target);
          work.push({ file: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.file, Math.min(low.get(frame.file) as number, index.get(target) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) {
        low.set(
          parent.file,
          Math.min(low.get(parent.file) as number, low.get(frame.file) as number),
        );
      }
      if (low.get(frame.file) !== index.get(frame.file)) continue;
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.file);
      if (component.length > 1 || targets.includes(frame.file)) found.push(component.sort());
    }
  }
  return found;
}
