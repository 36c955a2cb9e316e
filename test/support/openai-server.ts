/**
 * A real, local, OpenAI-compatible HTTP server for tests (node:http on 127.0.0.1, ephemeral port).
 *
 *   const server = await startOpenAIServer({ replies: [{ status: 429, headers: { "retry-after": "0" } },
 *                                                       { text: '{"a":1}', usage: { promptTokens: 5 } }] });
 *   const client = new OpenAI({ apiKey: "test", baseURL: server.baseURL, maxRetries: 1 });
 *   …
 *   expect(server.requests[0]?.body).toMatchObject({ model: "m" });
 *   await server.close();
 *
 * Routes: `POST /v1/chat/completions` and `POST /v1/completions` answer with the scripted `replies`
 * in order (or `handler`'s reply); `POST /v1/embeddings` answers with `embeddingReplies` in order,
 * then with vectors from `embed`.
 * Bounded by design: a request with no reply left gets a non-retryable 500, delays are capped at
 * `MAX_DELAY_MS` and cancelled when the client leaves or the server closes, bodies are capped at
 * 1 MB, and `close()` destroys every open connection.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export const MAX_DELAY_MS = 10_000;
const MAX_BODY_BYTES = 1_000_000;

/** One scripted answer. With no `status`/`body`/`raw`/`drop`, a 200 completion carrying `text`. */
export interface ServerReply {
  /** Chat: `message.content`; completions: `choices[0].text`. `null` sends a null content. */
  text?: string | null;
  /** Token usage to report; `totalTokens` defaults to the sum. Omitted: no `usage` in the body. */
  usage?: { promptTokens?: number; completionTokens?: number; totalTokens?: number };
  finishReason?: string;
  /** HTTP status; non-2xx replies carry an OpenAI-style `{ error }` body with `errorMessage`. */
  status?: number;
  errorMessage?: string;
  /** Extra response headers, e.g. `{ "retry-after": "0" }` or `{ "x-should-retry": "false" }`. */
  headers?: Record<string, string>;
  /** Exact JSON body to send instead of the generated one (e.g. `{ choices: [] }`). */
  body?: unknown;
  /** Exact bytes to send as `application/json` (a malformed body). */
  raw?: string;
  /** Wait this long (capped at MAX_DELAY_MS) before answering, to provoke client timeouts. */
  delayMs?: number;
  /** Destroy the connection without answering. */
  drop?: boolean;
  /**
   * Slow-loris: send the status and headers at once, then the body one byte every `trickleMs`
   * (never finishing in time). Stops when the client leaves or the server closes.
   */
  trickleMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** URL path, e.g. `/v1/chat/completions`. */
  path: string;
  headers: IncomingMessage["headers"];
  /** The parsed JSON body (`undefined` when it was not JSON). */
  body: unknown;
}

export interface OpenAIServerOptions {
  /** Replies for completion requests (chat and legacy), consumed in order. */
  replies?: ServerReply[];
  /** Called for each completion request once `replies` is used up. */
  handler?: (request: RecordedRequest) => ServerReply | Promise<ServerReply>;
  /** Vector for one embeddings input; defaults to a letter-frequency vector. */
  embed?: (text: string) => number[];
  /**
   * Scripted answers for embeddings requests, consumed in order before `embed` is used. Each
   * gives a `status`, a `body` or `raw` bytes (vectors to shuffle or leave out, an error…).
   */
  embeddingReplies?: ServerReply[];
}

export interface OpenAIServer {
  /** Pass as the `openai` client's `baseURL` (ends with `/v1`). */
  baseURL: string;
  /** Every request received, in arrival order (embeddings included). */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const replies = [...(options.replies ?? [])];
  const embeddingReplies = [...(options.embeddingReplies ?? [])];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const intervals = new Set<NodeJS.Timeout>();

  const nextReply = async (request: RecordedRequest): Promise<ServerReply> => {
    const scripted = replies.shift();
    if (scripted) return scripted;
    if (options.handler) return options.handler(request);
    return {
      status: 500,
      errorMessage: `openai-server: no scripted reply left for request #${requests.length}`,
      headers: { "x-should-retry": "false" },
    };
  };

  const delay = (ms: number, res: ServerResponse) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.min(Math.max(ms, 0), MAX_DELAY_MS));
      timers.add(timer);
      res.once("close", done);
      function done() {
        clearTimeout(timer);
        timers.delete(timer);
        resolve();
      }
    });

  const trickle = (res: ServerResponse, everyMs: number) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.flushHeaders();
    const timer = setInterval(() => res.write(" "), Math.max(everyMs, 1));
    intervals.add(timer);
    res.once("close", () => {
      clearInterval(timer);
      intervals.delete(timer);
    });
  };

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const text = await readBody(req);
    if (text === undefined) return sendJSON(res, 413, errorBody("request body too large"));
    const request: RecordedRequest = {
      method: req.method ?? "",
      path: new URL(req.url ?? "/", "http://127.0.0.1").pathname,
      headers: req.headers,
      body: parseJSON(text),
    };
    requests.push(request);
    const route = routeOf(request);
    if (!route)
      return sendJSON(res, 404, errorBody(`no route for ${request.method} ${request.path}`));
    const scriptedEmbedding = route === "embeddings" ? embeddingReplies.shift() : undefined;
    if (scriptedEmbedding) return sendReply(res, route, request.body, scriptedEmbedding);
    if (route === "embeddings")
      return sendEmbeddings(res, request.body, options.embed ?? letterVector);
    const reply = await nextReply(request);
    if (reply.delayMs) await delay(reply.delayMs, res);
    if (res.destroyed) return;
    if (reply.drop) return req.socket.destroy();
    if (reply.trickleMs) return trickle(res, reply.trickleMs);
    sendReply(res, route, request.body, reply);
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJSON(res, 500, errorBody(`openai-server: ${String(error)}`));
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const timer of intervals) clearInterval(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

type Route = "chat" | "completions" | "embeddings";

const ROUTES: Record<string, Route> = {
  "/v1/chat/completions": "chat",
  "/v1/completions": "completions",
  "/v1/embeddings": "embeddings",
};

function routeOf(request: RecordedRequest): Route | undefined {
  return request.method === "POST" ? ROUTES[request.path] : undefined;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () =>
      resolve(size <= MAX_BODY_BYTES ? Buffer.concat(chunks).toString("utf8") : undefined),
    );
    req.on("error", reject);
  });
}

function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sendReply(res: ServerResponse, route: Route, body: unknown, reply: ServerReply) {
  const status = reply.status ?? 200;
  const headers = { "content-type": "application/json", ...reply.headers };
  res.writeHead(status, headers);
  if (reply.raw !== undefined) return res.end(reply.raw);
  if (reply.body !== undefined) return res.end(JSON.stringify(reply.body));
  if (status >= 300)
    return res.end(JSON.stringify(errorBody(reply.errorMessage ?? `HTTP ${status}`)));
  res.end(JSON.stringify(completionBody(route, modelOf(body), reply)));
}

function completionBody(route: Route, model: string, reply: ServerReply) {
  const text = reply.text === undefined ? "" : reply.text;
  const finish_reason = reply.finishReason ?? "stop";
  const choice =
    route === "chat"
      ? { index: 0, message: { role: "assistant", content: text, refusal: null }, finish_reason }
      : { index: 0, text, logprobs: null, finish_reason };
  return {
    id: `test-${route}`,
    object: route === "chat" ? "chat.completion" : "text_completion",
    created: 0,
    model,
    choices: [choice],
    ...(reply.usage ? { usage: usageBody(reply.usage) } : {}),
  };
}

function usageBody(usage: NonNullable<ServerReply["usage"]>) {
  const prompt = usage.promptTokens ?? 0;
  const completion = usage.completionTokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: usage.totalTokens ?? prompt + completion,
  };
}

function sendEmbeddings(res: ServerResponse, body: unknown, embed: (text: string) => number[]) {
  const input = (body as { input?: unknown } | undefined)?.input;
  const texts = Array.isArray(input) ? input.map(String) : [String(input ?? "")];
  const base64 = (body as { encoding_format?: unknown } | undefined)?.encoding_format !== "float";
  const data = texts.map((text, index) => {
    const vector = embed(text);
    return { object: "embedding", index, embedding: base64 ? toBase64(vector) : vector };
  });
  const tokens = texts.reduce((sum, text) => sum + text.split(/\s+/).length, 0);
  sendJSON(res, 200, {
    object: "list",
    data,
    model: modelOf(body),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

/** The SDK asks for base64 float32 unless the caller chose an encoding. */
function toBase64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString("base64");
}

/** Deterministic default embedding: normalised counts of a–z. */
export function letterVector(text: string): number[] {
  const counts = new Array<number>(26).fill(0);
  for (const char of text.toLowerCase()) {
    const index = char.charCodeAt(0) - 97;
    if (index >= 0 && index < 26) counts[index] = (counts[index] ?? 0) + 1;
  }
  const norm = Math.hypot(...counts) || 1;
  return counts.map((count) => count / norm);
}

function modelOf(body: unknown): string {
  const model = (body as { model?: unknown } | undefined)?.model;
  return typeof model === "string" ? model : "unknown";
}

function errorBody(message: string) {
  return { error: { message, type: "test_server_error", param: null, code: null } };
}

function sendJSON(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json", "x-should-retry": "false" });
  res.end(JSON.stringify(body));
}
