// tsc compiles code only; the migrations the server applies at start travel beside it.
import { cpSync } from 'node:fs';

cpSync('src/server/db/migrations', 'dist/server/db/migrations', { recursive: true });
