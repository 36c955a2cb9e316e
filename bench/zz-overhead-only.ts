import { overhead } from "./overhead.js";

const goals: unknown[] = [];
await overhead((line = "") => console.log(line), goals as never);
