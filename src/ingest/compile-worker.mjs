// Worker-thread entry for CompilePool. Node 20 does not pass the TypeScript loader (tsx) to worker
// threads, so the worker registers it itself before loading the TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./compile-worker.ts');
