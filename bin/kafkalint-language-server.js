#!/usr/bin/env node
'use strict';
// The kafkalint language server: `kafkalint-language-server --stdio` (also --node-ipc, --socket=<port>).
require('../dist/server.js');
