// Drag and drop on the applications board: dropping a card on a column
// moves it there through the card's own stage form, the same request the
// select and its button send; without JavaScript the select does it all.
(function () {
  "use strict";

  function setUp(board) {
    if (board.dataset.dragReady) return; // a swap elsewhere on the page left this board in place
    board.dataset.dragReady = "yes";
    var dragged = null;
    var hint = document.getElementById("drag-hint");
    if (hint) hint.hidden = false;
    board.querySelectorAll(".app-card").forEach(function (card) {
      card.draggable = true;
      card.addEventListener("dragstart", function (e) {
        dragged = card;
        card.classList.add("dragging");
        if (e.dataTransfer) {
          e.dataTransfer.effectAllowed = "move";
          e.dataTransfer.setData("text/plain", card.id);
        }
      });
      card.addEventListener("dragend", function () {
        card.classList.remove("dragging");
        dragged = null;
        clear(board);
      });
    });
    board.querySelectorAll("[data-stage]").forEach(function (zone) {
      zone.addEventListener("dragover", function (e) {
        if (!dragged) return;
        e.preventDefault();
        e.stopPropagation(); // the closed column's inner stages win over the column
        clear(board);
        zone.classList.add("drop-here");
      });
      zone.addEventListener("dragleave", function () {
        zone.classList.remove("drop-here");
      });
      zone.addEventListener("drop", function (e) {
        e.preventDefault();
        e.stopPropagation();
        var card = dragged;
        clear(board);
        if (card) move(card, zone.dataset.stage);
      });
    });
  }

  function clear(board) {
    board.querySelectorAll(".drop-here").forEach(function (z) {
      z.classList.remove("drop-here");
    });
  }

  function move(card, stage) {
    var form = card.querySelector("form.stage-control");
    var select = form && form.querySelector("select[name=stage]");
    if (!select || select.value === stage) return;
    select.value = stage;
    form.requestSubmit();
  }

  function start() {
    var board = document.getElementById("board");
    if (board) setUp(board);
  }

  document.addEventListener("DOMContentLoaded", start);
  // a boosted form swaps the page's body in: set the new board up again
  document.addEventListener("htmx:afterSettle", start);
})();
