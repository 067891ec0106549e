/*
 * Language-aware queries for Material's lunr search worker.
 *
 * Loaded instead of Material's worker (overrides/main.html passes the original's
 * file name as ?worker=...), it registers its own message handler first and then
 * imports Material's worker, so it sees every message before Material does:
 *
 *  - SETUP: remembers the index language (one language per index, see
 *    hooks/search_index.py) and the text of every page, for phrase queries. Pages
 *    load only the index settings (`config.lazy`): the worker answers READY at once and
 *    imports the documents (search_data.js, passed as ?data=) on the first query,
 *    then hands Material the real SETUP and the waiting query;
 *  - QUERY: rewrites the reader's words into lunr terms that match the index:
 *    each word is stemmed with the same lunr-languages Snowball stemmer as the
 *    index (plus, for Finnish, the consonant-gradation and vowel-stem
 *    normalisation below, applied to the index too), stop words are dropped,
 *    every remaining word is required (+); stems of five letters or more
 *    also match longer words (stem*), of six or more also inside compound
 *    words (*stem*), shorter ones match whole words only;
 *  - RESULT: keeps only pages that contain every "quoted phrase" verbatim.
 *
 * The query functions are plain functions exported for the unit tests
 * (tests/js/), which run them under Node with the same lunr files.
 */
(function (root) {
  "use strict"

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  var PREFIX_MIN = 5            /* shorter stems match whole words only (hank- is not hankin-) */
  var COMPOUND_MIN = 6          /* stems at least this long also match inside compounds */

  /* ---- Finnish normalisation, applied after Snowball on index and query alike ---- */

  var FI_VOWELS = /[aeiouyäö]+$/
  var FI_GRADATION = [
    [/nt$/, "n"], [/nn$/, "n"], [/kk$/, "k"], [/pp$/, "p"], [/tt$/, "t"],
    [/mp$/, "m"], [/mm$/, "m"], [/lt$/, "l"], [/ll$/, "l"], [/rt$/, "r"],
    [/rr$/, "r"], [/lj$/, "lk"], [/rj$/, "rk"]
  ]

  function normaliseFinnish(stem) {
    var word = stem
    /* -uus/-yys nouns: kestävyys, kestävyyd(en), kestävyyt(tä) -> kestävyy */
    word = word.replace(/(uu|yy)[sdt]$/, "$1")
    /* -minen verbal nouns: osaamin(en), osaamis(en), osaam(ista) -> osaam */
    word = word.replace(/mi[ns]$/, "m")
    /* vowel stems left by Snowball: hankino(issa), hankinto(jen) -> hankin(t) */
    if (word.length > 4) {
      var trimmed = word.replace(FI_VOWELS, "")
      if (trimmed.length >= 4) word = trimmed
    }
    /* -s nouns: yritys, yrityks(iä), yrityst(en) -> yritys */
    if (word.length > 5) word = word.replace(/(?:ks|st)$/, "s")
    /* consonant gradation at the end of the stem: hankint(aa) -> hankin */
    for (var i = 0; i < FI_GRADATION.length; i++)
      if (word.length > 3 && FI_GRADATION[i][0].test(word)) {
        word = word.replace(FI_GRADATION[i][0], FI_GRADATION[i][1])
        break
      }
    /* weak grade d after a vowel: tied(olla) -> tiet(o) */
    return word.replace(/([aeiouyäö])d$/, "$1t")
  }

  /* Swedish: Snowball keeps the definite -n of nouns in -i (strategin, ekonomin). */
  function normaliseSwedish(stem) {
    return stem.length > 5 ? stem.replace(/([^aeiouyåäö]i)n$/, "$1") : stem
  }

  var NORMALISE = { fi: normaliseFinnish, sv: normaliseSwedish }

  /* The normalising stemmer for a language: Snowball, then the extra step. */
  function makeStemmer(lunr, lang) {
    var snowball = lunr[lang] && lunr[lang].stemmer
    if (!snowball || snowball.__normalised) return snowball
    var extra = NORMALISE[lang] || function (w) { return w }
    var stemmer = function (token) {
      var stemmed = snowball(token)
      return stemmed && stemmed.update ? stemmed.update(extra) : stemmed
    }
    stemmer.__normalised = true
    lunr.Pipeline.registerFunction(stemmer, "stemmer-normalised-" + lang)
    return stemmer
  }

  function stemWord(lunr, lang, word) {
    var stemmer = lunr[lang] && lunr[lang].stemmer
    var token = new lunr.Token(word.toLowerCase(), {})
    return stemmer ? stemmer(token).toString() : token.toString()
  }

  function isStopWord(lunr, lang, word) {
    var filter = lunr[lang] && lunr[lang].stopWordFilter
    return !!filter && filter(new lunr.Token(word.toLowerCase(), {})) === undefined
  }

  /* Split a raw query into words and "phrases". */
  function parseQuery(raw) {
    var phrases = []
    var rest = raw.replace(/"([^"]+)"/g, function (_, phrase) {
      var clean = phrase.trim().replace(/\s+/g, " ")
      if (clean) phrases.push(clean)
      return " " + phrase + " "
    })
    var words = rest.replace(/"/g, " ").split(/[^\p{L}\p{N}]+/u).filter(Boolean)
    return { words: words, phrases: phrases }
  }

  /* The lunr query for a raw query: every word required, stemmed like the index. */
  function buildQuery(lunr, lang, raw) {
    var parsed = parseQuery(raw)
    var words = parsed.words.filter(function (w) { return !isStopWord(lunr, lang, w) })
    if (!words.length) words = parsed.words
    var seen = {}
    var terms = []
    words.forEach(function (word) {
      var stem = stemWord(lunr, lang, word)
      if (!stem || seen[stem]) return
      seen[stem] = true
      terms.push(stem.length >= COMPOUND_MIN ? "+*" + stem + "*"
        : stem.length >= PREFIX_MIN ? "+" + stem + "*" : "+" + stem)
    })
    return { query: terms.join(" "), phrases: parsed.phrases }
  }

  /* Lower-case text of a document with the markup removed, for phrase tests. */
  function plain(html) {
    return String(html || "").replace(/<[^>]*>/g, " ").replace(/&nbsp;/g, " ")
      .replace(/&amp;/g, "&").replace(/\s+/g, " ").toLowerCase()
  }

  function pageOf(location) { return location.split("#")[0] }

  function containsAll(text, phrases) {
    return phrases.every(function (p) { return text.indexOf(p.toLowerCase()) !== -1 })
  }

  var api = {
    normaliseFinnish: normaliseFinnish, normaliseSwedish: normaliseSwedish, makeStemmer: makeStemmer, stemWord: stemWord,
    isStopWord: isStopWord, parseQuery: parseQuery, buildQuery: buildQuery,
    plain: plain, pageOf: pageOf, containsAll: containsAll
  }
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api
    return
  }

  /* ---- Inside the search worker (or iframe-worker's iframe, from file://) ---- */

  var scope = root
  var self_url = typeof document !== "undefined"
    ? document.querySelector("script[src]").src
    : scope.location.href
  var lang = null
  var pageText = {}
  var pendingPhrases = []

  /* Wrap the stemmer as soon as Material's worker has loaded lunr-languages. */
  var originalImport = scope.importScripts
  scope.importScripts = function () {
    var result = originalImport.apply(scope, arguments)
    var patch = function () {
      if (scope.lunr && lang && scope.lunr[lang]) scope.lunr[lang].stemmer = makeStemmer(scope.lunr, lang)
    }
    if (result && typeof result.then === "function") return result.then(patch)
    patch()
    return result
  }

  var lazy = null          /* the settings-only SETUP, while the documents wait */
  var settingUp = false    /* the real SETUP is being handled by Material's worker */
  var queued = null        /* the latest query that arrived meanwhile */

  /* Filter phrase results before Material's worker posts them. */
  var originalPost = scope.postMessage
  scope.postMessage = function (message) {
    if (message && message.type === READY && settingUp) {
      settingUp = false      /* the reader's page already had its READY */
      if (queued) {
        var next = queued
        queued = null
        scope.dispatchEvent(new MessageEvent("message", { data: next }))
      }
      return
    }
    if (message && message.type === RESULT && pendingPhrases.length) {
      var phrases = pendingPhrases
      message.data.items = message.data.items.filter(function (group) {
        return group.length && containsAll(pageText[pageOf(group[0].location)] || "", phrases)
      })
    }
    var args = Array.prototype.slice.call(arguments)
    return originalPost.apply(scope, args)
  }

  function loadDocuments() {
    var url = new URL(self_url).searchParams.get("data")
    var setup = function () {
      var data = scope.__searchIndex
      var message = { type: SETUP, data: { config: data.config, docs: data.docs, options: lazy.data.options } }
      lazy = null
      settingUp = true
      scope.dispatchEvent(new MessageEvent("message", { data: message }))
    }
    var loaded = scope.importScripts(url)
    if (loaded && typeof loaded.then === "function") loaded.then(setup)
    else setup()
  }

  scope.addEventListener("message", function (ev) {
    var message = ev.data
    if (message.type === SETUP && message.data.config.lazy) {
      ev.stopImmediatePropagation()       /* Material must not build an empty index */
      lazy = message
      originalPost.call(scope, { type: READY })
      return
    }
    if (message.type === QUERY && (lazy || settingUp)) {
      ev.stopImmediatePropagation()
      if (!String(message.data).trim() && !queued) {   /* the empty query sent on READY */
        originalPost.call(scope, { type: RESULT, data: { items: [] } })
        return
      }
      var first = lazy && !queued && !settingUp
      queued = message
      if (first) {
        settingUp = true
        loadDocuments()
      }
      return
    }
    if (message.type === SETUP) {
      var config = message.data.config
      lang = config.lang.length === 1 ? config.lang[0] : null
      pageText = {}
      message.data.docs.forEach(function (doc) {
        var page = pageOf(doc.location)
        pageText[page] = (pageText[page] || "") + " " + plain(doc.title) + " " + plain(doc.text)
      })
    } else if (message.type === QUERY && lang && scope.lunr && scope.lunr[lang]) {
      var built = buildQuery(scope.lunr, lang, message.data)
      pendingPhrases = built.phrases
      message.data = built.query
    }
  })

  /* Then Material's own worker, whose file name overrides/main.html passes along. */
  var worker = new URL(self_url).searchParams.get("worker")
  scope.importScripts(new URL(worker, self_url).href)
})(typeof self !== "undefined" ? self : this)
