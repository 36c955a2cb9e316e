// Prints, as JSON, the npm packages that importing the module named on the command line loads:
// through `require` (the CommonJS cache) or through `import` (a resolve hook sees every URL).
// Usage: node [--import tsx] test/support/loaded-packages.mjs <path or specifier> [export to call]
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";
import { MessageChannel } from "node:worker_threads";

const hooks = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  port.postMessage(resolved.url);
  return resolved;
}`;
const { port1, port2 } = new MessageChannel();
const urls = new Set();
port1.on("message", (url) => urls.add(url));
register(`data:text/javascript,${encodeURIComponent(hooks)}`, {
  parentURL: import.meta.url,
  data: { port: port2 },
  transferList: [port2],
});

const [target, call] = process.argv.slice(2);
const specifier =
  target.startsWith(".") || target.startsWith("/") ? pathToFileURL(target).href : target;
const loaded = await import(specifier);
// Optionally call one export, to show that its first use loads what it needs.
if (call) await loaded[call]();
await new Promise((resolve) => setTimeout(resolve, 100)); // the hook's last messages
const require = createRequire(import.meta.url);
const paths = [
  ...Object.keys(require.cache),
  ...[...urls].filter((url) => url.startsWith("file:")),
];
const packages = new Set();
for (const path of paths) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(decodeURIComponent(path));
  if (match) packages.add(match[1]);
}
port1.close();
console.log(JSON.stringify([...packages].sort()));
