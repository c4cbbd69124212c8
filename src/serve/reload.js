// Live preview of `synergies serve`: added to the served pages only, never to a built site.
// Reloads the page when the site is rebuilt, and shows the build errors in a panel while the
// last good version stays on screen. Same-origin file, no inline style: the pages' CSP holds.
(function () {
  "use strict";
  var script = document.currentScript;
  var pageVersion = script ? script.getAttribute("data-version") : null;
  var overlay = null;
  var title = null;
  var intro = null;
  var details = null;
  var help = null;
  var helpText = null;
  var closeButton = null;
  var shown = null;
  var dismissed = null;
  var previousFocus = null;

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function build() {
    overlay = element("div", "synergies-apercu");
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-modal", "false");
    overlay.setAttribute("aria-labelledby", "synergies-apercu-titre");
    overlay.setAttribute("aria-describedby", "synergies-apercu-texte");
    overlay.setAttribute("lang", "fr");
    title = element("h2", "synergies-apercu-titre");
    title.id = "synergies-apercu-titre";
    intro = element("p", "synergies-apercu-texte");
    intro.id = "synergies-apercu-texte";
    details = element("pre", "synergies-apercu-details");
    details.setAttribute("tabindex", "0");
    details.setAttribute("aria-label", "Détail des erreurs");
    // What each kind of error means (`synergies explique`), folded under the errors.
    help = element("details", "synergies-apercu-aide");
    help.appendChild(element("summary", null, "Que veulent dire ces erreurs ? Exemples et corrections"));
    helpText = element("pre", "synergies-apercu-explications");
    helpText.setAttribute("tabindex", "0");
    helpText.setAttribute("aria-label", "Explication des erreurs");
    help.appendChild(helpText);
    closeButton = element("button", "synergies-apercu-fermer", "Fermer");
    closeButton.type = "button";
    closeButton.addEventListener("click", dismiss);
    overlay.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        dismiss();
      }
    });
    overlay.appendChild(title);
    overlay.appendChild(intro);
    overlay.appendChild(details);
    overlay.appendChild(help);
    overlay.appendChild(closeButton);
  }

  function show(status) {
    shown = status.diagnostics;
    if (dismissed === shown) {
      return;
    }
    if (!overlay) {
      build();
    }
    title.textContent = status.title;
    // No good version yet (the register had errors from the start): no page to stand for it.
    intro.textContent =
      (status.version === ""
        ? "Aucune version correcte du site n'a encore pu être construite. "
        : "La page affichée est la dernière version correcte du site. ") +
      "Corrigez le fichier indiqué ci-dessous puis enregistrez-le : la page se mettra à jour toute seule.";
    details.textContent = status.diagnostics.replace(/\s+$/, "");
    var explanations = (status.explanations || "").replace(/\s+$/, "");
    helpText.textContent = explanations;
    help.hidden = explanations === "";
    if (!overlay.isConnected) {
      previousFocus = document.activeElement;
      document.body.appendChild(overlay);
      closeButton.focus();
    }
  }

  function remove() {
    if (overlay && overlay.isConnected) {
      overlay.remove();
      if (previousFocus && previousFocus.isConnected && previousFocus.focus) {
        previousFocus.focus();
      }
    }
  }

  // Closed by the reader: stays closed until the errors change.
  function dismiss() {
    dismissed = shown;
    remove();
  }

  function hide() {
    shown = null;
    dismissed = null;
    remove();
  }

  function onStatus(event) {
    var status;
    try {
      status = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    // Rebuilt while this page was loading, hidden, or while the server was away.
    if (pageVersion !== null && status.version !== "" && status.version !== pageVersion) {
      window.location.reload();
      return;
    }
    if (status.errors > 0) {
      show(status);
    } else {
      hide();
    }
  }

  // Browsers allow about six HTTP/1.1 connections per server: only visible pages keep a stream
  // open, so many tabs do not block page loads. A page shown again gets the current status.
  var source = null;
  function connect() {
    if (source || !window.EventSource) {
      return;
    }
    source = new EventSource("/__synergies/events");
    source.addEventListener("status", onStatus);
    source.addEventListener("reload", function () {
      window.location.reload();
    });
  }
  function disconnect() {
    if (source) {
      source.close();
      source = null;
    }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      disconnect();
    } else {
      connect();
    }
  });
  window.addEventListener("pagehide", disconnect);
  window.addEventListener("pageshow", function () {
    if (document.visibilityState !== "hidden") {
      connect();
    }
  });
  if (document.visibilityState !== "hidden") {
    connect();
  }
})();
