/**
 * In-page navigation as one signal: one patch of history.pushState/replaceState per page,
 * shared by every controller, plus popstate and hashchange; undone when the last listener
 * leaves (unless someone patched on top of ours).
 *
 * Owns: the history patch and its listeners.
 */
type NavListener = () => void;
const navListeners = new Set<NavListener>();
let navPatch: { push: History['pushState']; replace: History['replaceState']; ours: { push: History['pushState']; replace: History['replaceState'] } } | null = null;

function notifyNav(): void {
  for (const l of navListeners) l();
}

export function watchNavigation(listener: NavListener): () => void {
  navListeners.add(listener);
  if (!navPatch && typeof history !== 'undefined') {
    const push = history.pushState;
    const replace = history.replaceState;
    const ours = {
      push: function (this: History, ...args: Parameters<History['pushState']>) {
        push.apply(this, args);
        notifyNav();
      },
      replace: function (this: History, ...args: Parameters<History['replaceState']>) {
        replace.apply(this, args);
        notifyNav();
      },
    };
    history.pushState = ours.push;
    history.replaceState = ours.replace;
    addEventListener('popstate', notifyNav);
    addEventListener('hashchange', notifyNav);
    navPatch = { push, replace, ours };
  }
  return () => {
    navListeners.delete(listener);
    if (navListeners.size === 0 && navPatch) {
      if (history.pushState === navPatch.ours.push) history.pushState = navPatch.push;
      if (history.replaceState === navPatch.ours.replace) history.replaceState = navPatch.replace;
      removeEventListener('popstate', notifyNav);
      removeEventListener('hashchange', notifyNav);
      navPatch = null;
    }
  };
}
