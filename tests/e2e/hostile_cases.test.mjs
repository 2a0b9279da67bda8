// End-to-end: the second half of the hostile-text corpus through the case intake form and the
// event form (the first half runs in hostile_forms.test.mjs; see hostile_intake.mjs).
import { before, after } from "node:test";
import { start } from "./harness.mjs";
import { CORPUS } from "./hostile.mjs";
import { intakeTest } from "./hostile_intake.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.browser.close(); env?.server.close(); });

intakeTest(() => env, 65, CORPUS.length);
