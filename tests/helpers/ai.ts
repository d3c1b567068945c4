import { createAi } from '../../genkit.config.js';

export const offlineAi = () => createAi({ provider: { kind: 'offline', model: 'personaflow' } });
