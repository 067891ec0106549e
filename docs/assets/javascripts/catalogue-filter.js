/*
 * Catalogue filter (outputs/index.md). The table is complete without JavaScript;
 * this reveals the filter form and hides the rows that do not match. Native
 * <select> elements keep it keyboard-operable, a live region announces the
 * count, and the choice is kept in the address (?area=3&type=tool), so links
 * from the home page open the catalogue pre-filtered. No request is made.
 */
(function () {
  "use strict"
  var form = document.querySelector("form.catalogue-filter")
  var table = document.getElementById("catalogue-table")
  if (!form || !table) return
  var rows = Array.prototype.slice.call(table.tBodies[0].rows)
  var count = form.querySelector(".catalogue-filter__count")
  var template = form.getAttribute("data-count-template")
  var fields = ["area", "type", "year", "audience"]

  function matches(row, name, value) {
    if (!value) return true
    if (name === "area") return row.dataset.areas.split(" ").indexOf(value) !== -1
    if (name === "audience") return row.dataset.audience.split(" ").indexOf(value) !== -1
    return row.dataset[name] === value
  }

  function apply(updateAddress) {
    var shown = 0
    rows.forEach(function (row) {
      var visible = fields.every(function (name) {
        return matches(row, name, form.elements[name].value)
      })
      row.hidden = !visible
      if (visible) shown++
    })
    count.textContent = template.replace("{shown}", shown).replace("{total}", rows.length)
    if (updateAddress && window.history && window.history.replaceState) {
      var params = new URLSearchParams()
      fields.forEach(function (name) {
        if (form.elements[name].value) params.set(name, form.elements[name].value)
      })
      var query = params.toString()
      try {
        window.history.replaceState(null, "", query ? "?" + query : window.location.pathname)
      } catch (e) { /* file:// may refuse; the filter still works */ }
    }
  }

  var initial = new URLSearchParams(window.location.search)
  fields.forEach(function (name) {
    var value = initial.get(name)
    var select = form.elements[name]
    if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) select.value = value
  })
  form.hidden = false
  form.addEventListener("change", function () { apply(true) })
  form.addEventListener("reset", function () { setTimeout(function () { apply(true) }, 0) })
  form.addEventListener("submit", function (event) { event.preventDefault() })
  apply(false)
})()
