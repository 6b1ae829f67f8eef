#!/usr/bin/env node
'use strict';
// The kafkalint command: the bundled CLI (built by `npm run build`).
require('../dist/cli.js');
