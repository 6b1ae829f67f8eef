-- Drives the kafkalint language server from headless Neovim 0.7 the way a user would: open a file,
-- wait for diagnostics, put the cursor on a finding, run vim.lsp.buf.code_action() and pick an
-- action (vim.ui.select is stubbed), then write the file. Run by test/clients/neovim.test.ts:
--   nvim --headless --clean -u neovim-fix.lua
-- Environment: KAFKALINT_SERVER (server script), KAFKALINT_FILE (file to edit), KAFKALINT_RULE (rule
-- whose finding to fix), KAFKALINT_ACTION (title of the action to pick), KAFKALINT_OUT (JSON report).
local env = vim.env
local out_path = env.KAFKALINT_OUT
local report = { steps = {} }

local function save_report()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.json.encode(report))
  f:close()
end

local function step(name)
  table.insert(report.steps, name)
end

local function diagnostics_of(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(list, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = d.code, source = d.source,
      href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
      data = lsp.data or vim.NIL,
    })
  end
  table.sort(list, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    if a.col ~= b.col then return a.col < b.col end
    return tostring(a.code) < tostring(b.code)
  end)
  return list
end

local function has_code(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then return d end
  end
  return nil
end

local function run()
  vim.o.swapfile = false
  vim.cmd('edit ' .. vim.fn.fnameescape(env.KAFKALINT_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'kafkalint',
    cmd = { 'node', env.KAFKALINT_SERVER, '--stdio' },
    root_dir = vim.fn.fnamemodify(env.KAFKALINT_FILE, ':h'),
    init_options = { debounceMs = 0 },
    flags = { debounce_text_changes = 0 },
  })
  assert(client_id, 'start_client failed')
  vim.lsp.buf_attach_client(bufnr, client_id)
  step('attached')

  assert(vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 10), 'no diagnostics arrived')
  -- Let any second publish for the same version settle (there must be none).
  vim.wait(200)
  report.before = diagnostics_of(bufnr)
  step('diagnostics')

  local target = has_code(bufnr, env.KAFKALINT_RULE)
  assert(target, 'no diagnostic for ' .. env.KAFKALINT_RULE)
  vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })

  local picked = false
  vim.ui.select = function(items, opts, on_choice)
    report.titles = {}
    local choice
    for _, item in ipairs(items) do
      local action = item[2]
      table.insert(report.titles, action.title)
      if action.title == env.KAFKALINT_ACTION then choice = item end
    end
    picked = true
    on_choice(choice)
  end
  -- The real user path: context.diagnostics comes from the cursor line, in byte columns.
  vim.lsp.buf.code_action({ only = { 'quickfix' } })
  assert(vim.wait(10000, function() return picked end, 10), 'no code actions offered')
  step('picked')

  assert(vim.wait(10000, function() return has_code(bufnr, env.KAFKALINT_RULE) == nil end, 10), 'the finding is still reported after the fix')
  vim.wait(200)
  report.after = diagnostics_of(bufnr)
  step('fixed')

  vim.cmd('write')
  step('written')
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.client_is_stopped(client_id) end, 10)
  step('stopped')
end

local ok, err = xpcall(run, debug.traceback)
if not ok then report.error = tostring(err) end
save_report()
if ok then vim.cmd('qall!') else vim.cmd('cquit 1') end
