// The monthly attendance grid (WAI-ARIA grid pattern): one row per stay, one column per day. The grid is one
// Tab stop (roving tabindex); the arrow keys move the focused cell, Shift + arrows select a block of cells.
// Keys: P présent, A absent (then the reason: M, H, C, F, I, O — also typed directly), N non attendu,
// Suppr / Retour arrière effacer; the focus then moves right. S fills the week, L the row, with « présent » on
// the empty open days of the stay. Changes stay in the page (marked) until « Enregistrer » (or Ctrl+S) sends
// them in one PUT; the server's refusals (entries/<i>/…) come back on their cells.
// With hundreds of rows, each row is a component that renders again only when its own props change.
import { Component } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  saveAttendance,
  type AbsenceReason,
  type AttendanceDay,
  type AttendanceEntry,
  type AttendanceGrid as Grid,
  type AttendanceRow,
  type AttendanceStatus,
  type GridKey,
} from '../../api/attendance';
import { ApiError } from '../../api/client';
import { capitalise, problemMessage } from '../../api/problems';
import { frenchDates, todayIso } from '../establishments/format';
import { REASONS, STATUS_LABELS, WEEKDAY_INITIALS, dayLabel, personName, plural, reasonOf } from './labels';

interface Mark {
  status: AttendanceStatus | null;
  reason: AbsenceReason | null;
}

/** The changes of a row: day index → new mark. */
type RowEdits = Readonly<Record<number, Mark>>;
/** The server's refusals of a row: day index → message. */
type RowErrors = Readonly<Record<number, string>>;

interface Pos {
  row: number;
  col: number;
}

const PAGE_ROWS = 10;

const CODES: Record<AttendanceStatus, string> = { present: 'P', absent: 'A', not_expected: 'N' };

function markText(mark: Mark): string {
  if (!mark.status) return 'vide';
  if (mark.status === 'absent') {
    const reason = reasonOf(mark.reason);
    return reason ? `absent (${reason.label})` : 'absent, motif à préciser';
  }
  return STATUS_LABELS[mark.status];
}

const sameMark = (a: Mark, b: Mark) => a.status === b.status && (a.reason ?? null) === (b.reason ?? null);

interface RowProps {
  index: number;
  row: AttendanceRow;
  name: string;
  days: readonly AttendanceDay[];
  dayLabels: readonly string[];
  edits: RowEdits | undefined;
  errors: RowErrors | undefined;
  /** The day of the focused cell when it is in this row, else -1. */
  focusCol: number;
  /** The selected days of this row (from, to), -1 when none. */
  selFrom: number;
  selTo: number;
  /** The selection (or the focused cell) waits for the reason of an absence. */
  pending: boolean;
}

class GridRow extends Component<RowProps> {
  shouldComponentUpdate(next: RowProps): boolean {
    const current = this.props as unknown as Record<string, unknown>;
    const incoming = next as unknown as Record<string, unknown>;
    for (const key in incoming) if (incoming[key] !== current[key]) return true;
    return false;
  }

  render() {
    const { index, row, name, days, dayLabels, edits, errors, focusCol, selFrom, selTo, pending } = this.props;
    let present = 0;
    let absent = 0;
    const cells = row.cells.map((cell, col) => {
      const day = days[col];
      const edit = edits?.[col];
      const mark: Mark = edit ?? cell;
      if (mark.status === 'present') present++;
      else if (mark.status === 'absent') absent++;
      const error = errors?.[col];
      const selected = col >= selFrom && col <= selTo && selFrom >= 0;
      const focused = col === focusCol;
      const classes = ['att-cell'];
      if (day && !day.open) classes.push('att-cell--closed');
      if (!cell.in_stay) classes.push('att-cell--out');
      else if (mark.status) classes.push(`att-cell--${mark.status}`);
      if (edit) classes.push('att-cell--modified');
      if (error) classes.push('att-cell--error');
      if (selected) classes.push('att-cell--selected');
      if (pending && (selected || (selFrom < 0 && focused))) classes.push('att-cell--pending');
      let label = `${name}, ${dayLabels[col] ?? ''} : `;
      label += cell.in_stay ? markText(mark) : 'hors séjour';
      if (day && !day.open) label += ', jour fermé';
      if (edit) label += ', modifié non enregistré';
      if (error) label += `, erreur : ${error}`;
      const reason = mark.status === 'absent' ? reasonOf(mark.reason) : undefined;
      return (
        <div
          key={col}
          role="gridcell"
          class={classes.join(' ')}
          data-c={col}
          tabIndex={focused ? 0 : -1}
          aria-label={label}
          aria-disabled={cell.in_stay ? undefined : 'true'}
          aria-selected={selected ? 'true' : 'false'}
          aria-invalid={error ? 'true' : undefined}
          title={error}
        >
          <span class="att-cell__box" aria-hidden="true">
            {cell.in_stay && mark.status && CODES[mark.status]}
            {cell.in_stay && mark.status === 'absent' && <span class="att-cell__reason">{reason ? reason.key : '?'}</span>}
          </span>
        </div>
      );
    });
    const stay: string[] = [];
    const monthStart = days[0]?.date ?? '';
    const monthEnd = days[days.length - 1]?.date ?? '';
    if (row.admission_date > monthStart) stay.push(`entrée le ${frenchDates(row.admission_date)}`);
    if (row.discharge_date && row.discharge_date < monthEnd) stay.push(`sortie le ${frenchDates(row.discharge_date)}`);
    return (
      <div role="row" data-r={index} data-stay-id={row.stay_id} class={edits ? 'att-row att-row--modified' : 'att-row'}>
        <div role="rowheader" class="att-name">
          <span class="att-name__text">{name}</span>
          {stay.length > 0 && <span class="att-name__stay">{stay.join(', ')}</span>}
        </div>
        {cells}
        <div role="gridcell" class="att-total" aria-label={`${name} : ${plural(present, 'jour présent', 'jours présents')}`}>
          {present}
        </div>
        <div role="gridcell" class="att-total" aria-label={`${name} : ${plural(absent, "jour d'absence", "jours d'absence")}`}>
          {absent}
        </div>
      </div>
    );
  }
}

interface Alert {
  kind: 'error' | 'success';
  text: string;
  cells?: { pos: Pos; text: string }[];
}

interface GridProps {
  grid: Grid;
  gridKey: GridKey;
  /** The grid was saved: load it again. */
  onSaved: () => void;
  onDirty: (dirty: boolean) => void;
}

export function AttendanceGrid({ grid, gridKey, onSaved, onDirty }: GridProps) {
  const { rows, days } = grid;
  const [edits, setEdits] = useState<(RowEdits | undefined)[]>([]);
  const [errors, setErrors] = useState<(RowErrors | undefined)[]>([]);
  // The grid's Tab stop: today in the current month, else the first day.
  const [focus, setFocus] = useState<Pos>(() => ({ row: 0, col: Math.max(0, days.findIndex((d) => d.date === todayIso())) }));
  const [anchor, setAnchor] = useState<Pos | null>(null);
  const [pending, setPending] = useState<Pos[] | null>(null);
  const [status, setStatus] = useState('');
  const [alert, setAlert] = useState<Alert | null>(null);
  const [busy, setBusy] = useState(false);
  const tbody = useRef<HTMLDivElement>(null);
  const wantFocus = useRef(false);

  const names = useMemo(() => rows.map((row) => personName(row.person)), [rows]);
  const dayLabels = useMemo(() => days.map((day) => dayLabel(day.date, day.weekday)), [days]);

  // Another grid (saved and read again, or another month): the changes were saved or given up.
  useLayoutEffect(() => {
    setEdits([]);
    setErrors([]);
    setAnchor(null);
    setPending(null);
    setFocus((f) => ({
      row: Math.min(f.row, Math.max(rows.length - 1, 0)),
      col: Math.min(f.col, Math.max(days.length - 1, 0)),
    }));
  }, [grid]);

  const changeCount = edits.reduce((n, e) => n + (e ? Object.keys(e).length : 0), 0);
  useEffect(() => onDirty(changeCount > 0), [changeCount > 0]);

  // The focus follows the focused cell once the keyboard (or a button of the toolbar) moved it.
  useLayoutEffect(() => {
    if (!wantFocus.current) return;
    wantFocus.current = false;
    const cell = tbody.current?.children[focus.row]?.children[focus.col + 1] as HTMLElement | undefined;
    cell?.focus();
  });

  const cellAt = (pos: Pos) => rows[pos.row]?.cells[pos.col];
  const markAt = (pos: Pos): Mark | undefined => edits[pos.row]?.[pos.col] ?? cellAt(pos);

  /** The selected cells, or the focused one. */
  function targets(): Pos[] {
    if (!anchor) return [focus];
    const out: Pos[] = [];
    const [r0, r1] = [Math.min(anchor.row, focus.row), Math.max(anchor.row, focus.row)];
    const [c0, c1] = [Math.min(anchor.col, focus.col), Math.max(anchor.col, focus.col)];
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) out.push({ row: r, col: c });
    return out;
  }

  const editable = (pos: Pos) => cellAt(pos)?.in_stay === true;
  const openDay = (pos: Pos) => days[pos.col]?.open === true;

  /** Sets the marks of cells inside their stays; returns how many were changed. */
  function apply(cells: Pos[], mark: Mark): number {
    const nextEdits = edits.slice();
    const nextErrors = errors.slice();
    const copied = new Set<number>();
    let changed = 0;
    for (const pos of cells) {
      const cell = cellAt(pos);
      if (!cell?.in_stay) continue;
      if (!copied.has(pos.row)) {
        copied.add(pos.row);
        nextEdits[pos.row] = { ...(edits[pos.row] ?? {}) };
        if (errors[pos.row]) nextErrors[pos.row] = { ...errors[pos.row] };
      }
      const rowEdits = nextEdits[pos.row] as Record<number, Mark>;
      if (sameMark(cell, mark)) delete rowEdits[pos.col];
      else rowEdits[pos.col] = mark;
      const rowErrors = nextErrors[pos.row] as Record<number, string> | undefined;
      if (rowErrors) delete rowErrors[pos.col];
      changed++;
    }
    for (const row of copied) {
      if (Object.keys(nextEdits[row] ?? {}).length === 0) nextEdits[row] = undefined;
      if (nextErrors[row] && Object.keys(nextErrors[row] ?? {}).length === 0) nextErrors[row] = undefined;
    }
    setEdits(nextEdits);
    setErrors(nextErrors);
    return changed;
  }

  function moveTo(pos: Pos, extend = false) {
    const next = {
      row: Math.max(0, Math.min(rows.length - 1, pos.row)),
      col: Math.max(0, Math.min(days.length - 1, pos.col)),
    };
    setAnchor(extend ? (anchor ?? focus) : null);
    setFocus(next);
    wantFocus.current = true;
  }

  /** Marks the selection, or the focused cell and moves right. */
  function mark(value: Mark) {
    wantFocus.current = true;
    const cells = targets();
    if (cells.length === 1) {
      const pos = cells[0] as Pos;
      // Outside the stay nothing is marked, but the focus moves on as for any day typed.
      if (editable(pos)) {
        apply(cells, value);
        setStatus('');
      } else setStatus('Jour hors du séjour : non saisi.');
      moveTo({ row: pos.row, col: pos.col + 1 });
      return;
    }
    // A block: « présent » on the open days only.
    const chosen = cells.filter((pos) => editable(pos) && (value.status !== 'present' || openDay(pos)));
    const n = apply(chosen, value);
    setAnchor(null);
    setStatus(`${plural(n, 'case modifiée', 'cases modifiées')} : ${markText(value)}.`);
  }

  function askReason() {
    wantFocus.current = true;
    const cells = targets().filter(editable);
    if (cells.length === 0) {
      setStatus('Ce jour est hors du séjour : il ne peut pas être saisi.');
      return;
    }
    setPending(cells);
    setStatus(`Motif de l'absence : ${REASONS.map((r) => `${r.key} ${r.label}`).join(', ')} ; Échap pour annuler.`);
  }

  function chooseReason(reason: AbsenceReason) {
    const cells = pending ?? targets();
    setPending(null);
    if (cells.length === 1 && !anchor) mark({ status: 'absent', reason });
    else {
      wantFocus.current = true;
      const n = apply(cells.filter(editable), { status: 'absent', reason });
      setAnchor(null);
      setStatus(`${plural(n, 'case modifiée', 'cases modifiées')} : absent (${reasonOf(reason)?.label}).`);
    }
  }

  /** « présent » on the empty open days of the stay: the week of the focused day (Monday to Sunday), or the row. */
  function fill(scope: 'week' | 'row') {
    wantFocus.current = true;
    const { row, col } = focus;
    let from = 0;
    let to = days.length - 1;
    if (scope === 'week') {
      const monday = col - (days[col]?.weekday ?? 0);
      from = Math.max(0, monday);
      to = Math.min(days.length - 1, monday + 6);
    }
    const cells: Pos[] = [];
    for (let c = from; c <= to; c++) {
      const pos = { row, col: c };
      if (editable(pos) && openDay(pos) && !markAt(pos)?.status) cells.push(pos);
    }
    const n = apply(cells, { status: 'present', reason: null });
    setAnchor(null);
    const name = names[row] ?? '';
    setStatus(
      n === 0
        ? `Aucune case vide à remplir pour ${name}.`
        : `${name} : ${plural(n, 'jour marqué présent', 'jours marqués présents')}.`,
    );
  }

  function onKeyDown(event: KeyboardEvent) {
    const target = event.target instanceof Element ? event.target.closest('[data-c]') : null;
    if (!target) return;
    const key = event.key;
    if (event.altKey || ((event.ctrlKey || event.metaKey) && !['Home', 'End'].includes(key))) return;
    if (pending) {
      const reason = REASONS.find((r) => r.key === key.toUpperCase());
      if (reason) {
        event.preventDefault();
        chooseReason(reason.code);
        return;
      }
      setPending(null);
      if (key === 'Escape') {
        event.preventDefault();
        setStatus('Absence annulée.');
        return;
      }
    }
    const shift = event.shiftKey;
    let handled = true;
    switch (key) {
      case 'ArrowRight':
        moveTo({ row: focus.row, col: focus.col + 1 }, shift);
        break;
      case 'ArrowLeft':
        moveTo({ row: focus.row, col: focus.col - 1 }, shift);
        break;
      case 'ArrowDown':
        moveTo({ row: focus.row + 1, col: focus.col }, shift);
        break;
      case 'ArrowUp':
        moveTo({ row: focus.row - 1, col: focus.col }, shift);
        break;
      case 'PageDown':
        moveTo({ row: focus.row + PAGE_ROWS, col: focus.col }, shift);
        break;
      case 'PageUp':
        moveTo({ row: focus.row - PAGE_ROWS, col: focus.col }, shift);
        break;
      case 'Home':
        moveTo({ row: event.ctrlKey || event.metaKey ? 0 : focus.row, col: 0 }, shift);
        break;
      case 'End':
        moveTo({ row: event.ctrlKey || event.metaKey ? rows.length - 1 : focus.row, col: days.length - 1 }, shift);
        break;
      case 'Delete':
      case 'Backspace':
        mark({ status: null, reason: null });
        break;
      case 'Escape':
        if (anchor) setAnchor(null);
        else handled = false;
        break;
      default: {
        const letter = key.length === 1 ? key.toUpperCase() : '';
        const reason = REASONS.find((r) => r.key === letter);
        if (letter === 'P') mark({ status: 'present', reason: null });
        else if (letter === 'N') mark({ status: 'not_expected', reason: null });
        else if (letter === 'A') askReason();
        else if (letter === 'S') fill('week');
        else if (letter === 'L') fill('row');
        else if (reason) chooseReason(reason.code);
        else handled = false;
      }
    }
    if (handled) event.preventDefault();
  }

  function cellOf(event: Event): Pos | null {
    const td = event.target instanceof Element ? event.target.closest('[data-c]') : null;
    const tr = td?.closest('[data-r]');
    if (!td || !tr) return null;
    return { row: Number(tr.getAttribute('data-r')), col: Number(td.getAttribute('data-c')) };
  }

  function onFocusCell(event: FocusEvent) {
    const pos = cellOf(event);
    if (pos && (pos.row !== focus.row || pos.col !== focus.col)) setFocus(pos);
  }

  function onMouseDown(event: MouseEvent) {
    const pos = cellOf(event);
    if (!pos) return;
    setPending(null);
    if (event.shiftKey) {
      event.preventDefault();
      moveTo(pos, true);
    } else setAnchor(null);
  }

  async function save() {
    if (busy) return;
    const entries: AttendanceEntry[] = [];
    const positions: Pos[] = [];
    edits.forEach((rowEdits, r) => {
      const row = rows[r];
      if (!rowEdits || !row) return;
      for (const [c, value] of Object.entries(rowEdits)) {
        const col = Number(c);
        const day = days[col];
        if (!day) continue;
        const entry: AttendanceEntry = { stay_id: row.stay_id, date: day.date, status: value.status };
        if (value.status === 'absent' && value.reason) entry.reason = value.reason;
        entries.push(entry);
        positions.push({ row: r, col });
      }
    });
    if (entries.length === 0) {
      setAlert({ kind: 'success', text: 'Aucune modification à enregistrer.' });
      return;
    }
    setBusy(true);
    setAlert(null);
    try {
      const result = await saveAttendance(gridKey, entries);
      setBusy(false);
      const parts = [plural(result.written, 'case enregistrée', 'cases enregistrées')];
      if (result.cleared > 0) parts.push(plural(result.cleared, 'effacée', 'effacées'));
      setAlert({ kind: 'success', text: `Présences enregistrées : ${parts.join(', ')}.` });
      onSaved();
    } catch (error) {
      setBusy(false);
      const nextErrors: Record<number, string>[] = [];
      const cells: { pos: Pos; text: string }[] = [];
      const others: string[] = [];
      if (error instanceof ApiError) {
        for (const { field, message } of error.errors) {
          const m = /^entries\/(\d+)(?:\/|$)/.exec(field);
          const pos = m ? positions[Number(m[1])] : undefined;
          const text = capitalise(frenchDates(message));
          if (!pos) {
            others.push(text);
            continue;
          }
          const rowErrors = (nextErrors[pos.row] ??= {});
          if (!rowErrors[pos.col]) {
            rowErrors[pos.col] = text;
            cells.push({ pos, text: `${names[pos.row]}, ${dayLabels[pos.col]} : ${text}` });
          }
        }
      }
      setErrors(Array.from({ length: rows.length }, (_, r) => nextErrors[r]));
      const intro =
        cells.length > 0
          ? `Rien n'a été enregistré : ${plural(cells.length, 'case est refusée', 'cases sont refusées')}. ${cells.length > 1 ? 'Corrigez-les' : 'Corrigez-la'} puis enregistrez à nouveau.`
          : `Rien n'a été enregistré. ${frenchDates(problemMessage(error))}`;
      setAlert({ kind: 'error', text: [intro, ...others].join(' '), cells });
    }
  }

  // Ctrl+S (Cmd+S) saves, wherever the focus is in the page.
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function discard() {
    if (!window.confirm('Abandonner les présences saisies et non enregistrées ?')) return;
    setEdits([]);
    setErrors([]);
    setAlert(null);
    setStatus('Modifications abandonnées.');
  }

  // Totals of each day, with the changes.
  const presentByDay = new Array<number>(days.length).fill(0);
  const absentByDay = new Array<number>(days.length).fill(0);
  rows.forEach((row, r) => {
    const rowEdits = edits[r];
    row.cells.forEach((cell, c) => {
      const status = (rowEdits?.[c] ?? cell).status;
      if (status === 'present') presentByDay[c]++;
      else if (status === 'absent') absentByDay[c]++;
    });
  });
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

  const selection = anchor
    ? {
        r0: Math.min(anchor.row, focus.row),
        r1: Math.max(anchor.row, focus.row),
        c0: Math.min(anchor.col, focus.col),
        c1: Math.max(anchor.col, focus.col),
      }
    : null;

  const focusName = names[focus.row] ?? '';
  const focusDay = dayLabels[focus.col] ?? '';

  return (
    <div class="att">
      <div class="att-toolbar" role="toolbar" aria-label="Saisie des présences" aria-controls="presences-grille">
        <button
          type="button"
          class="button button--secondary button--small"
          aria-keyshortcuts="P"
          onClick={() => mark({ status: 'present', reason: null })}
        >
          Présent (P)
        </button>
        <button type="button" class="button button--secondary button--small" aria-keyshortcuts="A" onClick={askReason}>
          Absent… (A)
        </button>
        <button
          type="button"
          class="button button--secondary button--small"
          aria-keyshortcuts="N"
          onClick={() => mark({ status: 'not_expected', reason: null })}
        >
          Non attendu (N)
        </button>
        <button
          type="button"
          class="button button--secondary button--small"
          aria-keyshortcuts="Delete"
          onClick={() => mark({ status: null, reason: null })}
        >
          Effacer (Suppr)
        </button>
        <button type="button" class="button button--secondary button--small" aria-keyshortcuts="S" onClick={() => fill('week')}>
          Remplir la semaine (S)
        </button>
        <button type="button" class="button button--secondary button--small" aria-keyshortcuts="L" onClick={() => fill('row')}>
          Remplir la ligne (L)
        </button>
        <span class="att-toolbar__position" data-testid="attendance-position">
          {rows.length > 0 && `${focusName} — ${focusDay}`}
        </span>
      </div>
      {pending && (
        <div class="att-reasons" role="group" aria-labelledby="presences-motif-titre" data-testid="absence-reasons">
          <span id="presences-motif-titre" class="att-reasons__title">
            Motif de l'absence :
          </span>
          {REASONS.map((reason) => (
            <button
              key={reason.code}
              type="button"
              class="button button--secondary button--small"
              aria-keyshortcuts={reason.key}
              onClick={() => chooseReason(reason.code)}
            >
              <kbd>{reason.key}</kbd> {reason.label}
            </button>
          ))}
          <button
            type="button"
            class="button button--secondary button--small"
            onClick={() => {
              setPending(null);
              wantFocus.current = true;
              setStatus('Absence annulée.');
            }}
          >
            Annuler (Échap)
          </button>
        </div>
      )}
      <p class="visually-hidden" aria-live="polite" data-testid="attendance-status">
        {status}
      </p>
      <div class="table-wrap att-wrap">
        <div
          id="presences-grille"
          class={`att-grid att-grid--days-${days.length}`}
          role="grid"
          aria-multiselectable="true"
          aria-label={`Présences — ${plural(rows.length, 'séjour', 'séjours')}`}
          aria-describedby="presences-aide"
          data-testid="attendance-grid"
          onKeyDown={onKeyDown}
        >
          <div role="rowgroup" class="att-head">
            <div role="row" class="att-row">
              <div role="columnheader" class="att-name">
                Personne
              </div>
              {days.map((day, c) => (
                <div
                  key={day.date}
                  role="columnheader"
                  class={['att-day', day.open ? '' : 'att-day--closed', day.weekday >= 5 ? 'att-day--weekend' : '']
                    .filter(Boolean)
                    .join(' ')}
                  aria-label={day.open ? dayLabels[c] : `${dayLabels[c]}, fermé`}
                >
                  <span class="att-day__initial" aria-hidden="true">
                    {WEEKDAY_INITIALS[day.weekday]}
                  </span>
                  <span class="att-day__number" aria-hidden="true">
                    {Number(day.date.slice(8))}
                  </span>
                </div>
              ))}
              <div role="columnheader" class="att-total">
                <abbr title="Jours de présence">Prés.</abbr>
              </div>
              <div role="columnheader" class="att-total">
                <abbr title="Jours d'absence">Abs.</abbr>
              </div>
            </div>
          </div>
          <div role="rowgroup" class="att-body" ref={tbody} onFocusCapture={onFocusCell} onMouseDown={onMouseDown}>
            {rows.map((row, r) => {
              const inSelection = selection && r >= selection.r0 && r <= selection.r1;
              return (
                <GridRow
                  key={row.stay_id}
                  index={r}
                  row={row}
                  name={names[r] ?? ''}
                  days={days}
                  dayLabels={dayLabels}
                  edits={edits[r]}
                  errors={errors[r]}
                  focusCol={r === focus.row ? focus.col : -1}
                  selFrom={inSelection ? selection.c0 : -1}
                  selTo={inSelection ? selection.c1 : -1}
                  pending={pending !== null && (inSelection === true || r === focus.row)}
                />
              );
            })}
          </div>
          <div role="rowgroup" class="att-foot">
            <div role="row" class="att-row">
              <div role="rowheader" class="att-name">
                Présents
              </div>
              {presentByDay.map((n, c) => (
                <div key={c} role="gridcell" class="att-sum" aria-label={`${dayLabels[c]} : ${plural(n, 'présent', 'présents')}`}>
                  {n}
                </div>
              ))}
              <div role="gridcell" class="att-total" data-testid="attendance-total-present">
                {sum(presentByDay)}
              </div>
              <div role="gridcell" class="att-total" />
            </div>
            <div role="row" class="att-row">
              <div role="rowheader" class="att-name">
                Absents
              </div>
              {absentByDay.map((n, c) => (
                <div key={c} role="gridcell" class="att-sum" aria-label={`${dayLabels[c]} : ${plural(n, 'absent', 'absents')}`}>
                  {n}
                </div>
              ))}
              <div role="gridcell" class="att-total" />
              <div role="gridcell" class="att-total" data-testid="attendance-total-absent">
                {sum(absentByDay)}
              </div>
            </div>
          </div>
        </div>
      </div>
      <div class="form-alert" role="alert" data-testid="attendance-alert">
        {alert && (
          <div class={`alert alert--${alert.kind}`}>
            <p>{alert.text}</p>
            {alert.cells && alert.cells.length > 0 && (
              <ul class="att-errors">
                {alert.cells.map(({ pos, text }) => (
                  <li key={`${pos.row}:${pos.col}`}>
                    <button type="button" class="att-errors__link" onClick={() => moveTo(pos)}>
                      {text}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      <div class="form__actions att-actions">
        <button type="button" class="button" onClick={() => void save()} disabled={busy} aria-keyshortcuts="Control+S">
          {busy ? 'Enregistrement…' : 'Enregistrer'}
        </button>
        {changeCount > 0 && (
          <button type="button" class="button button--secondary" onClick={discard} disabled={busy}>
            Abandonner les modifications
          </button>
        )}
        <span class="toolbar__hint" data-testid="attendance-changes">
          {changeCount > 0 ? `${plural(changeCount, 'case modifiée', 'cases modifiées')}, non enregistrées` : 'Aucune modification en attente'}
        </span>
      </div>
    </div>
  );
}
