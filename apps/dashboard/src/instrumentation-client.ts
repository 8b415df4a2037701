import { z } from "zod";

// Runs in the browser before the app's code. Building a zod object schema probes whether `new
// Function` is allowed, and the dashboard's CSP (script-src without 'unsafe-eval') reports that
// probe as a violation even though zod catches it. The kitchen display and the admin forms use
// core's schemas in the browser, so zod runs without its eval fast path here (zod's `jitless`).
z.config({ jitless: true });
