/*
 * vkdoc tabs: makes the `[data-vk-tabs]` groups of vkdoc's HTML switchable.
 *
 * The static HTML shows every panel (the tab links jump to them), so pages
 * read fully without JavaScript; this script hides the inactive panels only
 * once it runs. Dependency-free, no build step, ES2018.
 *
 * Keyboard (WAI-ARIA tabs pattern, automatic activation): Left/Right arrows
 * move between tabs (wrapping), Home/End go to the first/last tab.
 * A URL hash pointing into a panel opens that panel, and one naming a
 * collapsed section (`<details>`: a FAQ question's id) or pointing into it opens it.
 *
 * Load with `<script src="tabs.js" defer></script>`; call
 * `window.vkdocTabs.init(root)` again for HTML inserted later.
 */
(function () {
  'use strict'

  var READY = 'data-vk-tabs-ready'

  /** Direct children of `parent` that have `role="ROLE"`. */
  function childrenWithRole(parent, role) {
    var result = []
    for (var index = 0; index < parent.children.length; index++) {
      var child = parent.children[index]
      if (child.getAttribute('role') === role) result.push(child)
    }
    return result
  }

  /** Wire one group; returns nothing, leaves malformed groups untouched. */
  function enhance(group, doc) {
    if (group.hasAttribute(READY)) return
    var tablist = childrenWithRole(group, 'tablist')[0]
    if (!tablist) return
    var tabs = childrenWithRole(tablist, 'tab')
    // Panels are looked up inside the group, never by id in the document: an
    // author id equal to a panel id (or a panel of another group) cannot be taken for it.
    var ownPanels = childrenWithRole(group, 'tabpanel')
    var panels = []
    for (var index = 0; index < tabs.length; index++) {
      var wanted = tabs[index].getAttribute('aria-controls') || ''
      var panel = null
      for (var at = 0; at < ownPanels.length; at++) {
        if (ownPanels[at].getAttribute('id') === wanted) {
          panel = ownPanels[at]
          break
        }
      }
      if (!panel) return
      panels.push(panel)
    }
    if (tabs.length === 0) return

    function select(selected, moveFocus) {
      for (var index = 0; index < tabs.length; index++) {
        var active = index === selected
        tabs[index].setAttribute('aria-selected', active ? 'true' : 'false')
        tabs[index].setAttribute('tabindex', active ? '0' : '-1')
        panels[index].hidden = !active
      }
      if (moveFocus) tabs[selected].focus()
    }

    tabs.forEach(function (tab, index) {
      tab.addEventListener('click', function (event) {
        event.preventDefault()
        select(index, false)
      })
      tab.addEventListener('keydown', function (event) {
        var last = tabs.length - 1
        var target =
          event.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
          : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
          : event.key === 'Home' ? 0
          : event.key === 'End' ? last
          : -1
        if (target === -1) return
        event.preventDefault()
        select(target, true)
      })
    })

    var initial = 0
    for (var at = 0; at < tabs.length; at++) {
      if (tabs[at].getAttribute('aria-selected') === 'true') {
        initial = at
        break
      }
    }
    select(initial, false)
    group.setAttribute(READY, '')
    group.vkdocSelect = select
  }

  /** The id a URL hash names: percent-decoded when it decodes (`#%` does not: it is taken as written). */
  function decodeHash(hash) {
    try {
      return decodeURIComponent(hash)
    } catch (error) {
      return hash
    }
  }

  /** Open every panel and `<details>` that holds the element the URL hash points at (nested ones too). */
  function revealHash(doc) {
    var id = doc.location && doc.location.hash ? decodeHash(doc.location.hash.slice(1)) : ''
    var node = id ? doc.getElementById(id) : null
    while (node) {
      var parent = node.parentNode
      if (node.tagName === 'DETAILS') node.open = true
      if (node.getAttribute && node.getAttribute('role') === 'tabpanel' && parent && parent.vkdocSelect) {
        var panels = childrenWithRole(parent, 'tabpanel')
        var index = panels.indexOf(node)
        if (index !== -1) parent.vkdocSelect(index, false)
      }
      node = parent
    }
  }

  /** Enhance every tab group under `root` (default: the document). */
  function init(root) {
    var doc = document
    var groups = (root || doc).querySelectorAll('[data-vk-tabs]')
    for (var index = 0; index < groups.length; index++) enhance(groups[index], doc)
    revealHash(doc)
  }

  window.vkdocTabs = {init: init}
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () {
      init()
    })
  } else {
    init()
  }
  window.addEventListener('hashchange', function () {
    revealHash(document)
  })
})()
