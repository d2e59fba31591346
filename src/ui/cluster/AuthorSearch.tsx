import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { AuthorSuggestion } from '../../matching/author-index';
import { plural, t } from '../../i18n/t';
import type { LensApi } from './api';

export interface AuthorSearchProps {
  api: Pick<LensApi, 'suggest'>;
  /** The name shown (the cluster's); when it changes from outside (back, an author link) the box follows. */
  initial?: string;
  /** Focus the box once mounted (the popup opening on "Author lookup"). */
  autoFocus?: boolean;
  onChoose(name: string): void;
}

/**
 * A combobox: type-ahead over every author name; arrow keys move, Enter chooses. It stays
 * mounted while names change, so focus stays in the box after Enter.
 */
export function AuthorSearch({ api, initial = '', autoFocus = false, onChoose }: AuthorSearchProps) {
  const [query, setQuery] = useState(initial);
  const [suggestions, setSuggestions] = useState<AuthorSuggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const request = useRef(0);
  /** The query the shown suggestions answer: Enter alone must not pick a stale one. */
  const suggestedFor = useRef('');
  /** An arrow key moved through the shown suggestions since the last keystroke: Enter takes the one highlighted, fresh or not (what the reader sees). */
  const navigated = useRef(false);
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);
  /** The last name given from outside: only a new one replaces what the reader typed. */
  const given = useRef(initial);
  useEffect(() => {
    if (given.current === initial) return;
    given.current = initial;
    setQuery(initial);
    setOpen(false);
  }, [initial]);

  useEffect(() => {
    const mine = ++request.current;
    if (query.trim() === '') {
      setSuggestions([]);
      return;
    }
    api.suggest(query).then(
      (found) => {
        if (mine !== request.current) return; // a later keystroke won
        suggestedFor.current = query;
        setSuggestions(found);
        setActive(found.length > 0 ? 0 : -1);
      },
      () => mine === request.current && setSuggestions([]),
    );
  }, [query]);

  const choose = (name: string) => {
    setQuery(name);
    setOpen(false);
    onChoose(name);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && suggestions.length > 0) {
      event.preventDefault();
      setOpen(true);
      navigated.current = true;
      setActive((i) => (i + 1) % suggestions.length);
    } else if (event.key === 'ArrowUp' && suggestions.length > 0) {
      event.preventDefault();
      setOpen(true);
      navigated.current = true;
      setActive((i) => (i <= 0 ? suggestions.length - 1 : i - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const picked = open && active >= 0 && (suggestedFor.current === query || navigated.current) ? suggestions[active]?.name : undefined;
      if (picked) choose(picked);
      else if (query.trim()) choose(query.trim());
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  const showList = open && suggestions.length > 0;
  return (
    <div class="search">
      <label class="search-label" for={`${listId}-input`}>
        {t('search_label')}
      </label>
      <input
        id={`${listId}-input`}
        ref={input}
        class="search-input"
        type="search"
        role="combobox"
        list={undefined}
        autocomplete="off"
        spellcheck={false}
        placeholder={t('search_placeholder')}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={`${listId}-list`}
        aria-activedescendant={showList && active >= 0 ? `${listId}-opt-${active}` : undefined}
        value={query}
        onInput={(e) => {
          navigated.current = false;
          setQuery((e.currentTarget as HTMLInputElement).value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <ul id={`${listId}-list`} class="suggestions" role="listbox" aria-label={t('search_listLabel')} hidden={!showList}>
        {suggestions.map((s, i) => (
          <li
            id={`${listId}-opt-${i}`}
            key={s.name}
            role="option"
            aria-selected={i === active}
            class={i === active ? 'suggestion active' : 'suggestion'}
            onMouseDown={(e) => {
              e.preventDefault(); // keep focus in the input
              choose(s.name);
            }}
          >
            <span class="suggestion-name">{s.name}</span>
            <span class="suggestion-count">{plural('papers', s.paperCount)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
