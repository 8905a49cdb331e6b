/* Loaded by a page shown to a logged-out browser (the login page after logout or after the session ended), and by
   the login page shown to a logged-in one (someone logging in over another's session): no desk page stays kept
   for offline use in this browser (desk-sw.js keeps it in the cache "desk-pages"). */
if (window.caches) window.caches.delete("desk-pages");
