/*
 * Language-aware queries for Material's lunr search worker.
 *
 * Loaded instead of Material's worker (overrides/main.html passes the original's
 * file name as ?worker=... and the page language's documents as ?data=...), it
 * registers its own message handler first and then imports Material's worker, so it
 * sees every message before Material does:
 *
 *  - SETUP: every page loads Material's fixed search/search_index.json, which holds
 *    the settings only (`config.lazy`, see hooks/search_index.py): the worker answers
 *    READY at once and imports the documents of the page's language (search_data.js,
 *    with that language's settings) on the first query, then hands Material the real
 *    SETUP and the waiting query. It remembers the index language and the text of
 *    every page, for phrase queries;
 *  - QUERY: rewrites the reader's words into lunr terms that match the index:
 *    each word is stemmed with the same lunr-languages Snowball stemmer as the
 *    index (plus, for Finnish, the consonant-gradation and vowel-stem
 *    normalisation below, applied to the index too), stop words are dropped,
 *    every remaining word is required (+); stems of five letters or more
 *    also match longer words (stem*), of six or more also inside compound
 *    words (*stem*), shorter ones match whole words only;
 *  - RESULT: keeps only pages that contain every "quoted phrase" verbatim.
 *
 * It degrades instead of breaking:
 *  - every message is checked against the shapes it expects (`kindOf`: Material's
 *    message numbers SETUP 0, READY 1, QUERY 2, RESULT 3 and their fields). On the
 *    first unexpected one it steps aside (a console warning says so): Material's own
 *    worker gets every message unchanged, except that the settings-only SETUP is
 *    completed with the documents first, so Material's own search still works;
 *  - when the documents cannot be loaded it posts {type: UNAVAILABLE}, and the page
 *    (overrides/main.html) says in its language that search is unavailable.
 *
 * The query functions are plain functions exported for the unit tests
 * (tests/js/), which run them under Node with the same lunr files.
 */
(function (root) {
  "use strict"

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3     /* Material's message numbers */
  var UNAVAILABLE = "search-unavailable"              /* ours: the documents could not be loaded */
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

  /* What a message is, if it has the shape we expect of Material's messages: "setup",
     "ready", "query", "result", or null. */
  function kindOf(message) {
    if (!message || typeof message !== "object" || typeof message.type !== "number") return null
    var data = message.data
    switch (message.type) {
      case SETUP:
        return data && data.config && Array.isArray(data.config.lang) && Array.isArray(data.docs) ? "setup" : null
      case READY: return "ready"
      case QUERY: return typeof data === "string" ? "query" : null
      case RESULT: return data && Array.isArray(data.items) ? "result" : null
    }
    return null
  }

  /* Whether a message carries the settings-only index (hooks/search_index.py), whatever its type. */
  function isLazy(message) {
    return !!(message && message.data && message.data.config && message.data.config.lazy)
  }

  /* Whether a loaded documents file has the shape of an index. */
  function isIndex(data) {
    return !!(data && data.config && Array.isArray(data.config.lang) && Array.isArray(data.docs))
  }

  var api = {
    normaliseFinnish: normaliseFinnish, normaliseSwedish: normaliseSwedish, makeStemmer: makeStemmer, stemWord: stemWord,
    isStopWord: isStopWord, parseQuery: parseQuery, buildQuery: buildQuery,
    plain: plain, pageOf: pageOf, containsAll: containsAll,
    kindOf: kindOf, isLazy: isLazy, isIndex: isIndex, UNAVAILABLE: UNAVAILABLE
  }
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api
    return
  }

  /* ---- Inside the search worker (or iframe-worker's iframe, from file://) ---- */

  var scope = root
  var inFrame = typeof document !== "undefined"      /* iframe-worker (offline, file://) */
  var selfUrl = inFrame ? document.querySelector("script[src]").src : scope.location.href
  var params = new URL(selfUrl).searchParams
  var lang = null
  var pageText = {}
  var pendingPhrases = []

  var passthrough = false  /* Material's messages are not what we expect: Material's worker does it all */
  var lazy = null          /* the settings-only SETUP, while the documents wait */
  var docs = "none"        /* none | waiting | loading | setting-up | ready | unavailable */
  var queued = null        /* the latest query that arrived meanwhile */

  function warn(text) {
    if (scope.console) scope.console.warn("search-worker.js: " + text)
  }

  function dispatch(message) {
    scope.dispatchEvent(new MessageEvent("message", { data: message }))
  }

  /* Wrap the stemmer as soon as Material's worker has loaded lunr-languages. */
  var originalImport = scope.importScripts
  scope.importScripts = function () {
    var result = originalImport.apply(scope, arguments)
    var patch = function () {
      if (!passthrough && scope.lunr && lang && scope.lunr[lang]) scope.lunr[lang].stemmer = makeStemmer(scope.lunr, lang)
    }
    if (result && typeof result.then === "function") return result.then(patch)
    patch()
    return result
  }

  /* Answers of Material's worker. Its first one after the real SETUP is its READY: the
     page had ours already, so it is swallowed, and the waiting query goes in. Phrase
     results are filtered. */
  var originalPost = scope.postMessage
  function post(message) {
    return originalPost.call(scope, message)
  }
  scope.postMessage = function (message) {
    var kind = passthrough ? null : kindOf(message)
    if (docs === "setting-up") {
      docs = "ready"
      var next = queued
      queued = null
      if (kind !== "ready") originalPost.apply(scope, arguments)   /* stepped aside: let it through */
      if (next) dispatch(next)
      return
    }
    if (kind === "result" && pendingPhrases.length) {
      var phrases = pendingPhrases
      message.data.items = message.data.items.filter(function (group) {
        return group.length && containsAll(pageText[pageOf(group[0].location)] || "", phrases)
      })
    }
    return originalPost.apply(scope, arguments)
  }

  /* Load the page language's documents (?data=): done(index) or failed(reason). */
  function loadDocuments(done, failed) {
    var url = params.get("data")
    if (!url) return failed("the worker's URL has no ?data= (overrides/main.html)")
    var finish = function () {
      if (isIndex(scope.__searchIndex)) done(scope.__searchIndex)
      else failed(url + " does not define the documents (self.__searchIndex)")
    }
    if (inFrame) {            /* iframe-worker's importScripts never reports a failure */
      var script = document.createElement("script")
      script.onload = finish
      script.onerror = function () { failed(url + " could not be loaded") }
      script.src = url
      document.body.appendChild(script)
      return
    }
    try {
      originalImport.call(scope, url)
    } catch (error) {
      return failed(url + " could not be loaded (" + error + ")")
    }
    finish()
  }

  function unavailable(reason) {
    warn(reason + "; search is unavailable")
    docs = "unavailable"
    queued = null
    post({ type: UNAVAILABLE })
  }

  /* Load the documents and give Material's worker the real SETUP (our own message: the
     listener below lets it through). */
  var own = false
  function setUp() {
    docs = "loading"
    loadDocuments(function (index) {
      docs = "setting-up"
      own = true
      try {
        dispatch({ type: lazy.type, data: { config: index.config, docs: index.docs, options: lazy.data.options } })
      } finally {
        own = false
      }
    }, unavailable)
  }

  function remember(setup) {
    var config = setup.data.config
    lang = config.lang.length === 1 ? config.lang[0] : null
    pageText = {}
    setup.data.docs.forEach(function (doc) {
      var page = pageOf(doc.location)
      pageText[page] = (pageText[page] || "") + " " + plain(doc.title) + " " + plain(doc.text)
    })
  }

  function stepAside(message) {
    passthrough = true
    pendingPhrases = []
    warn("unexpected message " + JSON.stringify(message).slice(0, 80) + "; Material's own search takes over")
    if (lazy && docs === "waiting") setUp()    /* Material's worker has no index yet */
  }

  scope.addEventListener("message", function (ev) {
    var message = ev.data
    var kind = kindOf(message)
    if (own) {                                   /* the real SETUP, on its way to Material */
      if (!passthrough && kind === "setup") remember(message)
      return
    }
    if (!passthrough && kind !== "setup" && kind !== "query") stepAside(message)
    var waiting = docs === "loading" || docs === "setting-up"
    if (passthrough) {                           /* everything goes to Material's worker... */
      if (isLazy(message)) {                     /* ...but never the settings without the documents */
        ev.stopImmediatePropagation()
        lazy = message
        setUp()
      } else if (waiting) {                      /* ...and nothing before its index is built */
        ev.stopImmediatePropagation()
        queued = message
      } else if (docs === "unavailable") {
        ev.stopImmediatePropagation()
        post({ type: UNAVAILABLE })
      }
      return
    }
    if (kind === "setup" && isLazy(message)) {
      ev.stopImmediatePropagation()              /* Material must not build an empty index */
      lazy = message
      docs = "waiting"
      post({ type: READY })
      return
    }
    if (kind === "query" && (waiting || docs === "waiting" || docs === "unavailable")) {
      ev.stopImmediatePropagation()
      if (docs === "unavailable") {
        post({ type: UNAVAILABLE })
        return
      }
      if (!message.data.trim() && !queued) {     /* the empty query sent on READY */
        post({ type: RESULT, data: { items: [] } })
        return
      }
      queued = message
      if (docs === "waiting") setUp()
      return
    }
    if (kind === "setup") {
      remember(message)
    } else if (kind === "query" && lang && scope.lunr && scope.lunr[lang]) {
      var built = buildQuery(scope.lunr, lang, message.data)
      pendingPhrases = built.phrases
      message.data = built.query
    }
  })

  /* Then Material's own worker, whose file name overrides/main.html passes along. */
  scope.importScripts(new URL(params.get("worker"), selfUrl).href)
})(typeof self !== "undefined" ? self : this)
