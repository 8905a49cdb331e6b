/* Undo of this desk's last check-in (a wrong badge handed over, a mistaken name search): the button names who.
   A scan still queued is dropped from the queue; a sent one is undone by the server, which accepts only the last
   check-in of this desk. */
(function (Desk) {
  "use strict";
  var api = Desk.api;
  var list = Desk.list;
  var screen = Desk.screen;
  var MSG = Desk.page.MSG, TITLES = Desk.page.TITLES, conferenceId = Desk.page.conferenceId, urls = Desk.page.urls;

  var last = null;  // {nonce, hash, name, queued}

  function remember(nonce, hash, name, queued) {
    last = { nonce: nonce, hash: hash, name: name, queued: queued };
    screen.showUndo(name);
  }

  /* The sync just sent the queue: a queued check-in is no longer there to drop, so the button goes. */
  function forgetQueued() {
    if (last && last.queued) { last = null; screen.hideUndo(); }
  }

  /* A scan that checked nobody in (red or amber) is on screen: the button must not name the person before. */
  function forget() { last = null; screen.hideUndo(); }

  function undoLast() {
    var undoing = last;
    if (!undoing) return;
    last = null;
    screen.hideUndo();
    function undone() {
      var entry = list.entry(undoing.hash);
      if (entry) { entry.checked_in_at = null; entry.desk = null; list.save(); }
      screen.addArrived(-1);
      screen.show("warn", TITLES.undone, undoing.name, "");
      screen.outcome("undone");
    }
    if (undoing.queued) { list.dequeue([undoing.nonce]).then(list.pending).then(undone); return; }
    api.post(urls.undo, { conference_id: conferenceId, nonce: undoing.nonce })
      .then(function (answer) {
        if (answer.ok) { undone(); return; }
        screen.show("bad", "✖", undoing.name, answer.data.message || MSG.undo_failed);
      }).catch(function () { screen.show("bad", "✖", undoing.name, MSG.network); });
  }

  function setup() { screen.onUndo(undoLast); }

  Desk.undo = { remember: remember, forget: forget, forgetQueued: forgetQueued, setup: setup };
})(window.Desk = window.Desk || {});
