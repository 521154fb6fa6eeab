// Tabs following the WAI-ARIA pattern: a tablist of buttons (one Tab stop: the selected tab), arrow keys,
// Home and End move between tabs and select them; the panel of the selected tab follows, focusable.
import type { ComponentChildren } from 'preact';

export interface TabItem {
  id: string;
  label: string;
}

interface TabsProps {
  /** Prefix of the ids of the tabs and panels. */
  idPrefix: string;
  /** Accessible name of the tablist. */
  label: string;
  tabs: readonly TabItem[];
  selected: string;
  onSelect: (id: string) => void;
  /** The content of the selected tab's panel. */
  children: ComponentChildren;
}

export function Tabs({ idPrefix, label, tabs, selected, onSelect, children }: TabsProps) {
  const tabId = (id: string) => `${idPrefix}-onglet-${id}`;
  const panelId = (id: string) => `${idPrefix}-panneau-${id}`;

  function onKeyDown(event: KeyboardEvent) {
    const index = tabs.findIndex((tab) => tab.id === selected);
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    event.preventDefault();
    const tab = tabs[next];
    if (!tab) return;
    onSelect(tab.id);
    document.getElementById(tabId(tab.id))?.focus();
  }

  return (
    <div class="tabs">
      <div class="tabs__list" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const isSelected = tab.id === selected;
          return (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={tabId(tab.id)}
              class="tabs__tab"
              aria-selected={isSelected ? 'true' : 'false'}
              aria-controls={panelId(tab.id)}
              tabIndex={isSelected ? 0 : -1}
              onClick={() => onSelect(tab.id)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div class="tabs__panel" role="tabpanel" id={panelId(selected)} aria-labelledby={tabId(selected)} tabIndex={0}>
        {children}
      </div>
    </div>
  );
}
