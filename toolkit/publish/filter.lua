-- The pandoc filter of every published document (DOCX and Typst/PDF).
--
-- Images: documents never embed files. An image reference in a clause becomes its alt text, so a
-- path in the text can never pull a local file into a release (pandoc's --sandbox and Typst's empty
-- root refuse it too, but with an error instead of a document).
--
-- Typst: its markup has shorthands that pandoc's Typst writer does not escape: "..." becomes an
-- ellipsis, "-?" a soft hyphen, "-5" a minus sign. So for Typst every text run with ASCII
-- punctuation is written as a Typst string literal (#"…";), which Typst shows exactly as it is.
-- The ';' ends the expression, so that a following "(", "[" or "." cannot make it a call or a
-- field access.

-- Not defined when the long-lived pandoc has seen that the Markdown holds no image ("![" nowhere in
-- it, see pandoc_server.lua): an Image function is called for every word, and there is no image.
if not CLAUSEKIT_NO_IMAGES then
  function Image(el)
    return el.caption
  end
end

-- Defined for Typst only: a Str function is called for every word, and DOCX needs none.
if FORMAT == "typst" then
  function Str(el)
    if el.text:find("%p") then
      local text = el.text:gsub("\\", "\\\\"):gsub('"', '\\"')
      return pandoc.RawInline("typst", '#"' .. text .. '";')
    end
  end
end

-- Tables span the text width. A table whose columns have no width of their own (a pipe table with
-- short rows) gets equal columns, so an empty column of a signature table is as wide as the others;
-- relative widths (grid tables, long pipe rows) are scaled to add up to the whole width. Cells
-- without an alignment of their own are left-aligned, as text is.
function Table(tbl)
  local total, unset = 0, false
  for _, spec in ipairs(tbl.colspecs) do
    if type(spec[2]) == "number" and spec[2] > 0 then total = total + spec[2] else unset = true end
  end
  for i, spec in ipairs(tbl.colspecs) do
    local width = unset and 1 / #tbl.colspecs or spec[2] / total
    local align = spec[1] == "AlignDefault" and "AlignLeft" or spec[1]
    tbl.colspecs[i] = {align, width}
  end
  -- An empty cell leaves two lines' room to write (or sign) in.
  local room = FORMAT == "typst" and pandoc.RawInline("typst", "#box(height: 1.6em)") or pandoc.LineBreak()
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      for _, cell in ipairs(row.cells) do
        if #cell.contents == 0 then cell.contents = {pandoc.Plain{room}} end
      end
    end
  end
  return tbl
end

-- Anchors and links (SHAPES.md): headings "# Title {#ck-id}", empty spans "[]{#ck-id-2}" and links
-- "[artikel 3.2](#ck-id-2)". DOCX: pandoc writes a bookmark per identifier (names over Word's 40
-- characters as a hash) and a w:hyperlink with w:anchor per link. Typst: pandoc writes a bare label
-- after an empty span, which Typst attaches to whatever precedes it: the heading, for a first
-- sub-clause, which then loses its own label and every link to it fails. An invisible metadata
-- element carries the label instead, right where the sub-clause starts.
function Span(el)
  if FORMAT ~= "typst" or el.identifier == "" then
    return nil
  end
  if not el.identifier:match("^[%w_%-:.]+$") then  -- not a Typst label: keep the text only
    return el.content
  end
  return {pandoc.RawInline("typst", "#metadata(none)<" .. el.identifier .. ">"), table.unpack(el.content)}
end

-- Accessible documents (PDF/UA-1, Word's accessibility checker): heading levels never skip (a "###"
-- in a clause under its article's level-1 heading becomes level 2) and no heading is empty. Typst
-- refuses to write a PDF/UA that breaks either rule. An empty heading keeps its anchor.
local function anchor_only(id)
  if FORMAT == "typst" then
    return id:match("^[%w_%-:.]+$") and pandoc.RawBlock("typst", "#metadata(none)<" .. id .. ">") or nil
  end
  return pandoc.Plain{pandoc.Span({}, {id = id})}
end

function Pandoc(doc)
  local blocks, last = pandoc.List(), 0
  for _, block in ipairs(doc.blocks) do
    if block.t == "Header" then
      if #block.content > 0 then
        block.level = math.min(block.level, last + 1)
        last = block.level
        blocks:insert(block)
      elseif block.identifier ~= "" then
        blocks:insert(anchor_only(block.identifier))
      end
    else
      blocks:insert(block)
    end
  end
  doc.blocks = blocks
  return doc
end
