-- Neovim's own LSP client drives `tact lsp`: run headless as
--   TACT=target/debug/tact nvim --headless --clean -c "luafile tests/lsp/neovim.lua"
-- It opens a Markdown reply with a code block and two findings, waits for
-- exactly those diagnostics where they belong, applies a code action and
-- reads the buffer, then edits tact.toml to turn a rule off and waits for
-- its diagnostic to go. Exits 0 when all holds, 1 with a message if not,
-- and deletes the folder it wrote its files in either way.
-- Written for the LSP client of Neovim 0.7 (Debian 12's) and later.

local tact = assert(os.getenv('TACT'), 'set TACT to the tact binary')
local WAIT = 20000
-- The folder the test writes its files in, made by run().
local root

-- Delete the test's folder; says why when it cannot.
local function clean()
  if root == nil or vim.fn.isdirectory(root) == 0 then return nil end
  if vim.fn.delete(root, 'rf') ~= 0 or vim.fn.isdirectory(root) ~= 0 then
    return 'cannot delete ' .. root
  end
  return nil
end

local function fail(message)
  local left = clean()
  if left then message = message .. '; ' .. left end
  io.stderr:write('neovim lsp test: ' .. message .. '\n')
  -- Quit as a user would, not with os.exit, so that Neovim deletes its
  -- own temporary folder (its server socket) too.
  vim.cmd('cquit 1')
end

local function check(ok, message)
  if not ok then fail(message) end
end

local function write(path, text)
  local f = assert(io.open(path, 'w'))
  f:write(text)
  f:close()
end

local function run()
  root = vim.fn.tempname()
  vim.fn.mkdir(root, 'p')
  write(root .. '/tact.toml', 'fail-on = "warning"\n')
  local reply = root .. '/reply.md'
  write(reply, table.concat({
    '# Refund',
    '',
    'Héllo 🙂 Sam, as I said, the refund went out on Monday.',
    '',
    '```',
    'As I said, code is left alone.',
    '```',
    '',
    'Per my last email, your card ending 4421 works fine.',
    '',
  }, '\n'))

  vim.cmd('edit ' .. vim.fn.fnameescape(reply))
  local buf = vim.api.nvim_get_current_buf()
  check(vim.bo[buf].filetype == 'markdown', 'filetype is ' .. vim.bo[buf].filetype)
  local id = vim.lsp.start_client({
    name = 'tact',
    cmd = { tact, 'lsp' },
    root_dir = root,
  })
  check(id, 'the client did not start')
  vim.lsp.buf_attach_client(buf, id)

  local function diagnostics()
    local found = vim.diagnostic.get(buf)
    table.sort(found, function(a, b) return a.lnum < b.lnum end)
    return found
  end
  local function wait_for(count, what)
    local ok = vim.wait(WAIT, function() return #diagnostics() == count end, 20)
    check(ok, what .. ': expected ' .. count .. ' diagnostics, got ' .. vim.inspect(diagnostics()))
  end

  -- Two findings, none in the code block; columns are bytes in Neovim.
  wait_for(2, 'on open')
  local found = diagnostics()
  check(found[1].code == 'gotcha.as-i-said', vim.inspect(found[1]))
  check(found[1].lnum == 2 and found[1].col == 17, 'as-i-said at ' .. found[1].lnum .. ':' .. found[1].col)
  check(found[1].severity == vim.diagnostic.severity.WARN, 'a warning')
  check(found[2].code == 'gotcha.per-my-last-email', vim.inspect(found[2]))
  check(found[2].lnum == 8 and found[2].col == 0, 'per-my-last-email at ' .. found[2].lnum .. ':' .. found[2].col)

  -- The code action for the second finding, applied by the client.
  local client = vim.lsp.get_client_by_id(id)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = {
      start = { line = 8, character = 0 },
      ['end'] = { line = 8, character = 0 },
    },
    context = { diagnostics = {} },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, WAIT)
  check(responses and responses[id] and responses[id].result, 'no code actions: ' .. vim.inspect(responses))
  local replace
  for _, action in ipairs(responses[id].result) do
    if action.title == 'Replace with "To recap"' then replace = action end
  end
  check(replace, 'no replacement among ' .. vim.inspect(responses[id].result))
  check(replace.command == nil, 'the action is a plain edit')
  vim.lsp.util.apply_workspace_edit(replace.edit, client.offset_encoding)
  local line = vim.api.nvim_buf_get_lines(buf, 8, 9, true)[1]
  check(line == 'To recap, your card ending 4421 works fine.', 'line 9 is now: ' .. line)
  wait_for(1, 'after the fix')

  -- Turn the other rule off in tact.toml, as a user would in another
  -- window: the server notices the file change by itself.
  write(root .. '/tact.toml', 'fail-on = "warning"\ndisable = ["gotcha.as-i-said"]\n')
  wait_for(0, 'after disabling gotcha.as-i-said in tact.toml')

  vim.lsp.stop_client(id)
  vim.wait(WAIT, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
end

local ok, err = pcall(run)
if not ok then fail(tostring(err)) end
local left = clean()
if left then fail(left) end
io.stdout:write('neovim lsp test: ok\n')
vim.cmd('qall!')
