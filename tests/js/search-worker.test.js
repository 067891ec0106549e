// Unit tests of the query glue in docs/assets/javascripts/workers/search-worker.js,
// without a browser: the same lunr 2.3.9 core as Material's worker and Material's
// own lunr-languages files (stemmer.support, fi, sv). Run: node --test tests/js/
"use strict"
const test = require("node:test")
const assert = require("node:assert/strict")
const path = require("node:path")
const { execFileSync } = require("node:child_process")

const lunr = require("lunr")
const python = process.env.PYTHON || path.join(__dirname, "..", "..", ".venv", "bin", "python")
const materialDir = execFileSync(python, ["-c",
  "import material, os; print(os.path.dirname(material.__file__))"]).toString().trim()
const languages = path.join(materialDir, "templates", "assets", "javascripts", "lunr", "min")
require(path.join(languages, "lunr.stemmer.support.min.js"))(lunr)
require(path.join(languages, "lunr.fi.min.js"))(lunr)
require(path.join(languages, "lunr.sv.min.js"))(lunr)

const glue = require("../../docs/assets/javascripts/workers/search-worker.js")
for (const lang of ["fi", "sv"]) lunr[lang].stemmer = glue.makeStemmer(lunr, lang)

const stem = (lang, word) => glue.stemWord(lunr, lang, word)

/* Forms of one word must reach one key (or one a prefix of the other). */
function sameFamily(lang, words) {
  const keys = words.map(w => stem(lang, w))
  const shortest = keys.reduce((a, b) => (a.length <= b.length ? a : b))
  for (const [i, key] of keys.entries())
    assert.ok(key.startsWith(shortest), `${words[i]} -> ${key} does not start with ${shortest} (${lang})`)
}

test("Finnish inflected forms of one word share a stem", () => {
  sameFamily("fi", ["hankinta", "hankinnat", "hankinnoissa", "hankintojen", "hankintaa", "hankinnan", "hankintoja"])
  sameFamily("fi", ["strategia", "strategian", "strategioita", "strategiaa"])
  sameFamily("fi", ["kestävyys", "kestävyyden", "kestävyyttä"])
  sameFamily("fi", ["osaaminen", "osaamisen", "osaamista"])
  sameFamily("fi", ["tieto", "tietoa", "tiedolla"])
  sameFamily("fi", ["yritys", "yritysten", "yrityksiä"])
  sameFamily("fi", ["tavoite", "tavoitteet", "tavoitteiden", "tavoitteita"])
  sameFamily("fi", ["lasku", "laskuja", "laskujen"])
})

test("Finnish: procurement (hankinta) and project (hanke) stay apart", () => {
  assert.notEqual(stem("fi", "hankinta"), stem("fi", "hanke"))
  assert.ok(glue.buildQuery(lunr, "fi", "hankkeissa").query === `+${stem("fi", "hanke")}`)
})

test("Swedish inflected forms of one word share a stem", () => {
  sameFamily("sv", ["upphandling", "upphandlingen", "upphandlingar", "upphandlingarna", "upphandlingens"])
  sameFamily("sv", ["hållbarhet", "hållbarheten", "hållbarhetens"])
  sameFamily("sv", ["faktura", "fakturor", "fakturorna"])
  sameFamily("sv", ["ramavtal", "ramavtalet", "ramavtalen"])
  sameFamily("sv", ["strategi", "strategin", "strategins", "strategier", "strategierna"])
  sameFamily("sv", ["upphandlingsstrategi", "upphandlingsstrategin"])
})

test("every word is required and stemmed; long stems match inside compounds, short ones whole", () => {
  const { query, phrases } = glue.buildQuery(lunr, "fi", "hankinnoissa strategioita")
  assert.deepEqual(phrases, [])
  assert.equal(query, `+*${stem("fi", "hankinnoissa")}* +*${stem("fi", "strategioita")}*`)
  assert.equal(glue.buildQuery(lunr, "sv", "avtal").query, `+${stem("sv", "avtal")}*`)
  assert.equal(glue.buildQuery(lunr, "fi", "kunnan").query, `+${stem("fi", "kunnan")}`)
})

test("stop words are dropped unless the query has nothing else", () => {
  assert.equal(glue.buildQuery(lunr, "fi", "ja hankinnat").query, `+*${stem("fi", "hankinnat")}*`)
  assert.equal(glue.buildQuery(lunr, "sv", "och upphandling").query, `+*${stem("sv", "upphandling")}*`)
  assert.notEqual(glue.buildQuery(lunr, "fi", "ja").query, "")
})

test("quoted phrases are kept for the phrase filter and their words required", () => {
  const { query, phrases } = glue.buildQuery(lunr, "fi", '"julkisten  hankintojen" strategia')
  assert.deepEqual(phrases, ["julkisten hankintojen"])
  assert.match(query, /^\+\S+ \+\S+ \+\S+$/)
})

test("phrase matching works on the text without markup", () => {
  const text = glue.plain("<p>Kansallinen <strong>julkisten</strong>\n hankintojen strategia</p>")
  assert.ok(glue.containsAll(text, ["julkisten hankintojen"]))
  assert.ok(!glue.containsAll(text, ["hankintojen julkisten"]))
})

test("the query builder matches real lunr indexes built with the same stemmer", () => {
  const docs = [
    { id: "a", text: "Hankintayksikön hankinnat ja hankintojen strategia" },
    { id: "b", text: "Hankkeen rahoitus ja hankkeiden aikataulu" },
    { id: "c", text: "Kunnat ja kuntien yhteistyö" }
  ]
  const index = lunr(function () {
    this.use(lunr.fi)
    this.ref("id"); this.field("text")
    docs.forEach(d => this.add(d))
  })
  const find = raw => index.search(glue.buildQuery(lunr, "fi", raw).query).map(r => r.ref).sort()
  assert.deepEqual(find("hankinnoissa"), ["a"])
  assert.deepEqual(find("hankintojen strategioita"), ["a"])
  assert.deepEqual(find("hankkeissa"), ["b"])
  assert.deepEqual(find("kunnan"), ["c"])
  assert.deepEqual(find("hankinnoissa kunnan"), [])
})

test("message shapes: Material's messages are recognised, anything else is not", () => {
  assert.equal(glue.kindOf({ type: 0, data: { config: { lang: ["fi"] }, docs: [], options: {} } }), "setup")
  assert.equal(glue.kindOf({ type: 1 }), "ready")
  assert.equal(glue.kindOf({ type: 2, data: "hankinta" }), "query")
  assert.equal(glue.kindOf({ type: 3, data: { items: [] } }), "result")
  for (const other of [null, "x", {}, { type: "0" }, { type: 0, data: { config: {} } }, { type: 0, data: { config: { lang: "fi" }, docs: [] } },
                       { type: 2, data: { query: "x" } }, { type: 3, data: {} }, { type: 4, data: "x" }])
    assert.equal(glue.kindOf(other), null, JSON.stringify(other))
})

test("the settings-only index is recognised whatever its message number", () => {
  assert.ok(glue.isLazy({ type: 0, data: { config: { lang: ["fi"], lazy: true }, docs: [] } }))
  assert.ok(glue.isLazy({ type: 7, data: { config: { lazy: true } } }))
  assert.ok(!glue.isLazy({ type: 0, data: { config: { lang: ["fi"] }, docs: [] } }))
  assert.ok(!glue.isLazy(null))
  assert.ok(glue.isIndex({ config: { lang: ["sv"] }, docs: [] }))
  assert.ok(!glue.isIndex({ config: { lang: ["sv"] } }) && !glue.isIndex(undefined))
  assert.equal(typeof glue.UNAVAILABLE, "string")   /* never one of Material's numbers */
})
