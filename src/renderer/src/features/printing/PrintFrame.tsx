import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { PAPER_SIZE_WORDS, PAPER_SIZES, type PaperSize } from '../../domain/practice'
import { Notice } from '../../ui/Notice'
import { isMac } from '../../ui/shortcuts'
import { useSamplePrintMark } from './sample-print'
import { usePrintShortcut } from './print-shortcut'
import type { PrintMessage } from './usePrintActions'

/**
 * A printing screen: what to print (options for this print only), the two buttons, and the
 * document itself, which is both the preview and the printed page.
 */
export function PrintFrame({
  title,
  back,
  intro,
  options,
  pageSize,
  onPageSize,
  actions,
  blocked,
  status,
  footer,
  children,
}: {
  title: string
  back: { to: string; label: string }
  intro?: ReactNode
  options?: ReactNode
  pageSize: PaperSize
  onPageSize: (size: PaperSize) => void
  actions: {
    busy: boolean
    message: PrintMessage | null
    print: () => void
    saveAsPdf: () => void
  }
  /** Printing waits until this is resolved: what stops it, in words. */
  blocked?: ReactNode
  /** A line under the buttons (when it was last printed…). */
  status?: ReactNode
  /** The running footer as it will print (one-page documents), shown in the paper's margin. */
  footer?: { left: string; right: string }
  children: ReactNode
}) {
  const disabled = actions.busy || Boolean(blocked)
  const describedBy = blocked ? 'print-blocked' : undefined
  // Ctrl+P here is this Print… button, so that every print is in the audit trail.
  usePrintShortcut(disabled ? null : actions.print)
  useSamplePrintMark()
  return (
    <section aria-labelledby="print-title" className="print-screen">
      <div className="print-screen__controls">
        <p>
          <Link to={back.to}>{back.label}</Link>
        </p>
        <h1 id="print-title">{title}</h1>
        {intro}
        <fieldset className="print-options">
          <legend>For this print</legend>
          {options}
          <div className="field">
            <label htmlFor="print-paper">Paper size</label>
            <select
              id="print-paper"
              value={pageSize}
              onChange={(event) => onPageSize(event.target.value as PaperSize)}
            >
              {PAPER_SIZES.map((size) => (
                <option key={size} value={size}>
                  {PAPER_SIZE_WORDS[size]}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <div className="actions">
          <button
            type="button"
            onClick={actions.print}
            disabled={disabled}
            aria-describedby={describedBy}
            aria-keyshortcuts={isMac ? 'Meta+P' : 'Control+P'}
          >
            Print…
          </button>
          <button
            type="button"
            className="secondary"
            onClick={actions.saveAsPdf}
            disabled={disabled}
            aria-describedby={describedBy}
          >
            Save as PDF…
          </button>
        </div>
        {blocked && (
          <div id="print-blocked">
            <Notice tone="error">{blocked}</Notice>
          </div>
        )}
        {status && <p className="muted">{status}</p>}
        {actions.message && <Notice tone={actions.message.tone}>{actions.message.text}</Notice>}
      </div>
      <div
        className="paper-preview"
        role="region"
        aria-label="Preview: exactly what will print"
        tabIndex={0}
      >
        <div className="paper" data-page-size={pageSize}>
          {children}
          {footer && (
            <div className="paper__footer" aria-hidden="true">
              <span>{footer.left}</span>
              <span>{footer.right}</span>
            </div>
          )}
        </div>
      </div>
    </section>
  )
}

/** Minimum necessary, asked for each print: the full name and the private reflection. */
export function PrivacyOptions({
  showFullName,
  onShowFullName,
  includeReflection,
  onIncludeReflection,
}: {
  showFullName: boolean
  onShowFullName: (checked: boolean) => void
  includeReflection: boolean
  onIncludeReflection: (checked: boolean) => void
}) {
  return (
    <>
      <PrintOption
        id="print-full-name"
        label="Show the full name"
        hint="(otherwise the initials)"
        checked={showFullName}
        onChange={onShowFullName}
      />
      <PrintOption
        id="print-reflection"
        label="Include my reflection"
        hint="(a psychotherapy note, private by default)"
        checked={includeReflection}
        onChange={onIncludeReflection}
      />
    </>
  )
}

/** A checkbox for this print only (not kept). */
export function PrintOption({
  id,
  label,
  hint,
  checked,
  onChange,
}: {
  id: string
  label: string
  hint?: string
  checked: boolean
  onChange: (checked: boolean) => void
}) {
  return (
    <div className="checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>
        {label}
        {hint && (
          <span className="field__hint" id={`${id}-hint`}>
            {' '}
            {hint}
          </span>
        )}
      </label>
    </div>
  )
}
