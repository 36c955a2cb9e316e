import { reaskTokens } from "/work/wt/tokens/bench/reask-tokens.ts";
await reaskTokens((l = "") => console.log(l));
