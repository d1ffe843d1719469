-- cptsplan: turns the markers that the templates write into the output format's own layout.
--
-- The Markdown is read with raw_attribute, raw_html and raw_tex disabled, and every plan value
-- is backslash-escaped, so plan text can never produce a div, a class or a raw block. The
-- fenced divs handled here (couverture, sommaire, saut-de-page...) therefore come from the
-- templates only, and this filter is the only place where raw OpenXML is written.
--
-- Markers:
--   ::: {.couverture}      cover page (docx: followed by a page break)
--   ::: {.couverture-*}    cover parts, styled by reference.docx / CSS
--   ::: {.sommaire titre="Sommaire"}   table of contents
--   ::: {.saut-de-page}    page break (fiches réflexes start on a new page)
--   ::: {.bandeau-brouillon}   draft banner
--   ::: {.figure}          an image and its caption (a pandoc Figure)
--   ::: {.annexe-*}        parts of an annex printed alone (render --annexe): fiche in large
--                          type, privacy banner, reference line (typst functions of that name)
--   [*(modifié)*]{.marque-modification}   mark of a heading changed since `render --depuis`
--                          (docx: an italic run highlighted in yellow, as Word users mark)
-- Headings are numbered here (1, 1.1, 1.1.1).
-- The PDF does not go through pandoc: src/cptsplan/render/pdf/ writes its Typst markup.

local stringify = pandoc.utils.stringify

local function is_docx() return FORMAT == "docx" end
local function is_html() return FORMAT:match("html") ~= nil end

local function xml_escape(text)
  return (text:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"):gsub('"', "&quot;"))
end

-- The paragraph that holds the break leaves its (empty) mark at the top of the next page:
-- a 1 pt exact line keeps it invisible.
local PAGE_BREAK_DOCX = '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" '
  .. 'w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr><w:r><w:rPr><w:sz w:val="2"/>'
  .. '</w:rPr><w:br w:type="page"/></w:r></w:p>'

-- Heading numbers (1, 1.1, 1.1.1; unnumbered headings are skipped), given to each heading in
-- the order of the document.
local function number_heading(header, counters)
  if header.classes:includes("unnumbered") or header.level > 3 then return end
  counters[header.level] = counters[header.level] + 1
  for level = header.level + 1, #counters do counters[level] = 0 end
  local parts = {}
  for level = 1, header.level do parts[#parts + 1] = tostring(counters[level]) end
  local number = table.concat(parts, ".")
  header.attributes["numero"] = number
  local content = pandoc.Inlines({pandoc.Span(number, {class = "numero"}), pandoc.Space()})
  content:extend(header.content)
  header.content = content
end

local function listed(header)
  return header.level <= 2 and not header.classes:includes("unlisted")
end

-- DOCX: each listed heading gets a bookmark of its own, a point in its paragraph (pandoc's
-- bookmarks span whole sections and overlap, which LibreOffice cannot refer to), named as
-- Word names its own (_Toc..., under Word's 40 characters).
local function docx_bookmark(header, count)
  local name = "_Toc" .. string.format("%08d", count)
  header.attributes["signet"] = name
  header.attributes["texte"] = stringify(header)
  local id = tostring(900000 + count)
  header.content:insert(1, pandoc.RawInline("openxml", '<w:bookmarkStart w:id="' .. id
    .. '" w:name="' .. name .. '"/><w:bookmarkEnd w:id="' .. id .. '"/>'))
end

-- DOCX: the table of contents as Word writes its entries (a link to the heading, a dotted
-- leader, the page as a PAGEREF field), outside a TOC field: LibreOffice keeps a TOC field's
-- entries as text, while it computes a PAGEREF field when it lays the page out. Word
-- computes them on opening (render/docx.py asks it to update fields, w:updateFields).
local function docx_toc(title, headers)
  local parts = {
    '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>',
    '<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>',
    '<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t xml:space="preserve">',
    xml_escape(title), '</w:t></w:r></w:p>',
  }
  for _, header in ipairs(headers) do
    local name = header.attributes["signet"]
    local text = xml_escape(header.attributes["texte"] or stringify(header))
    parts[#parts + 1] = '<w:p><w:pPr><w:pStyle w:val="TOC' .. header.level .. '"/></w:pPr>'
      .. '<w:hyperlink w:anchor="' .. name .. '" w:history="1">'
      .. '<w:r><w:t xml:space="preserve">' .. text .. '</w:t></w:r><w:r><w:tab/></w:r>'
      .. '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
      .. '<w:r><w:instrText xml:space="preserve"> PAGEREF ' .. name .. ' \\h </w:instrText></w:r>'
      .. '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t></w:t></w:r>'
      .. '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>'
  end
  parts[#parts + 1] = '</w:sdtContent></w:sdt>'
  return pandoc.RawBlock("openxml", table.concat(parts))
end

-- HTML and Markdown: a plain list of the numbered headings (links in HTML).
local function list_toc(title, headers)
  local level1 = {}
  for _, header in ipairs(headers) do
    local text = pandoc.Inlines(header.content)
    if is_html() and header.identifier ~= "" then
      text = pandoc.Inlines({pandoc.Link(header.content, "#" .. header.identifier)})
    end
    if header.level == 1 then
      level1[#level1 + 1] = {pandoc.Plain(text)}
    elseif #level1 > 0 then
      local item = level1[#level1]
      if #item == 1 then item[2] = pandoc.BulletList({}) end
      item[2].content:insert({pandoc.Plain(text)})
    end
  end
  local out = {pandoc.Para({pandoc.Strong(title)}), pandoc.BulletList(level1)}
  if is_html() then
    return pandoc.Div(out, {class = "sommaire"})
  end
  return out
end

-- ::: {.figure} holds the image paragraph then the caption (written by the templates): a
-- real figure, so that each format lays it out its own way (Word caption style,
-- HTML <figure> and <figcaption>).
local function figure(div)
  local first = div.content[1]
  if not first or first.t ~= "Para" then return div.content end
  local caption = pandoc.Blocks({})
  for index = 2, #div.content do caption:insert(div.content[index]) end
  return pandoc.Figure({pandoc.Plain(first.content)}, caption, pandoc.Attr(div.identifier))
end

-- [§ 3.2 Cellule de crise](#id){.renvoi} (conformity grid), DOCX: the link to the heading,
-- then its page, a PAGEREF field that Word and LibreOffice compute as they lay the document
-- out. The field points to a hidden bookmark (_Ref...) inside the heading's paragraph:
-- LibreOffice loses the bookmark pandoc writes around a heading that follows a table.
local page_bookmarks = {}

local function docx_page_reference(link)
  local name = page_bookmarks[link.target:gsub("^#", "")]
  if not name then return {pandoc.Link(link.content, link.target)} end
  -- « (p. 12) »: a no-break space keeps the page number with its « p. ».
  local page = '<w:r><w:t xml:space="preserve"> (p.\u{a0}</w:t></w:r>'
    .. '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
    .. '<w:r><w:instrText xml:space="preserve"> PAGEREF ' .. name .. ' \\h </w:instrText></w:r>'
    .. '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>…</w:t></w:r>'
    .. '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>)</w:t></w:r>'
  return {pandoc.Link(link.content, link.target), pandoc.RawInline("openxml", page)}
end

-- DOCX: the hidden bookmark a section's references point to, at the start of its heading.
local page_bookmark_number = 800000  -- bookmark ids above pandoc's own (900000 and up: the TOC's)

local function docx_page_bookmark(header)
  local name = page_bookmarks[header.identifier]
  if not name then return nil end
  page_bookmark_number = page_bookmark_number + 1
  local id = tostring(page_bookmark_number)
  header.content:insert(1, pandoc.RawInline("openxml", '<w:bookmarkStart w:id="' .. id
    .. '" w:name="' .. name .. '"/><w:bookmarkEnd w:id="' .. id .. '"/>'))
  return header
end

-- DOCX tables: a listed e-mail address starts a line of its own. Word and LibreOffice break a line
-- after any hyphen, inside an address too (« ars-| hdf.example » reads as a wrong address);
-- columns are at least as wide as their longest address (render/tables.py), so an address
-- that starts a line is never split.
local function addresses_on_their_own_line(tbl)
  return tbl:walk({
    Inlines = function(inlines)
      for index = 2, #inlines do
        local item = inlines[index]
        local before = inlines[index - 2]
        -- A listed address (« … ; nom@… », « MSSanté : nom@… »), not one inside a sentence.
        if item.t == "Str" and item.text:match("^[%w._+-]+@") and before and before.t == "Str"
            and before.text:match("[;:]$")
            and (inlines[index - 1].t == "Space" or inlines[index - 1].t == "SoftBreak") then
          inlines[index - 1] = pandoc.LineBreak()
        end
      end
      return inlines
    end,
  })
end

local function transform(blocks, headers)
  return blocks:walk({
    Header = function(header)
      if is_docx() then return docx_page_bookmark(header) end
    end,
    Link = function(link)
      if not link.classes:includes("renvoi") then return nil end
      if is_docx() then return docx_page_reference(link) end
      -- Markdown (GFM) keeps no heading ids: the section's number and title, as text.
      if FORMAT:match("markdown") or FORMAT:match("gfm") then return link.content end
    end,
    Table = function(tbl)
      if is_docx() then return addresses_on_their_own_line(tbl) end
    end,
    Span = function(span)
      if span.classes:includes("marque-modification") and is_docx() then
        return pandoc.RawInline("openxml", '<w:r><w:rPr><w:i/><w:highlight w:val="yellow"/>'
          .. '</w:rPr><w:t xml:space="preserve">' .. xml_escape(stringify(span)) .. '</w:t></w:r>')
      end
    end,
    Div = function(div)
      local class = div.classes[1]
      if class == "saut-de-page" then
        if is_docx() then return pandoc.RawBlock("openxml", PAGE_BREAK_DOCX) end
        if is_html() then return div end
        return {}
      elseif class == "figure" then
        return figure(div)
      elseif class == "sommaire" then
        local title = div.attributes["titre"] or "Sommaire"
        if is_docx() then return docx_toc(title, headers) end
        return list_toc(title, headers)
      elseif class == "couverture" then
        if is_docx() then
          local blocks = pandoc.Blocks(div.content)
          blocks:insert(pandoc.RawBlock("openxml", PAGE_BREAK_DOCX))
          return blocks
        end
        if is_html() then return div end
        local blocks = pandoc.Blocks(div.content)
        blocks:insert(pandoc.HorizontalRule())
        return blocks
      elseif class and (class:match("^couverture%-") or class == "bandeau-brouillon"
          or class == "fiche-reflexe" or class:match("^annexe%-")) then
        if is_html() or is_docx() then return div end
        return div.content
      end
      -- Any other div: keep its content only, outside HTML.
      if not is_html() and not is_docx() then return div.content end
    end,
  })
end

-- The headings numbered, bookmarked (DOCX) and listed for the table of contents, and the
-- sections that references point to (DOCX) collected, in one walk of the document: each walk
-- costs pandoc about 0.1 s on a plan, and there were five. A walk applies its inline
-- functions to the whole document before its block ones (pandoc's « typewise » order): the
-- links are all seen before the first heading.
local function prepare(blocks)
  local counters, bookmarks, headers = {0, 0, 0, 0, 0, 0}, 0, {}
  local result = blocks:walk({
    Link = function(link)
      local target = link.target:match("^#(.+)")
      if is_docx() and link.classes:includes("renvoi") and target
          and not page_bookmarks[target] then
        local count = 0
        for _ in pairs(page_bookmarks) do count = count + 1 end
        page_bookmarks[target] = "_Ref_cptsplan_" .. (count + 1)
      end
    end,
    Header = function(header)
      number_heading(header, counters)
      if listed(header) then
        if is_docx() then
          bookmarks = bookmarks + 1
          docx_bookmark(header, bookmarks)
        end
        headers[#headers + 1] = header
      end
      return header
    end,
  })
  return result, headers
end

function Pandoc(doc)
  local blocks, headers = prepare(doc.blocks)
  doc.blocks = transform(blocks, headers)
  return doc
end
