// The in-memory wizard store lives in lib/ since the eval (npm run eval) runs flows on it too.
export * from '../../lib/memory-wizard-store.js';
