import { useId, useRef } from 'react'
import type { PaperSize } from '../../domain/practice'
import { applyFit, CONTINUES, type GroupFit } from './fit'
import type { PrepSheetContent, SheetGroup, SheetSection } from './prep-sheet-content'
import { useSheetFit, type SheetFit } from './useSheetFit'

/** Ruled lines drawn for handwritten notes; those that do not fit are clipped by the notes area. */
const RULED_LINES = 40

/**
 * The session-prep sheet: one page, to read at a glance before and during the session. The same
 * element is the on-screen preview and the printed page.
 */
export function PrepSheet({
  content,
  pageSize,
}: {
  content: PrepSheetContent
  pageSize: PaperSize
}) {
  const ref = useRef<HTMLElement>(null)
  const titleId = useId()
  const { fit, fitted } = useSheetFit(ref, content.sections, pageSize)
  const several = content.walkoutCount > 1
  return (
    <article
      ref={ref}
      className="print-document prep-sheet"
      data-page-size={pageSize}
      data-fitted={fitted ? 'true' : 'false'}
      aria-labelledby={titleId}
    >
      <header className="prep-sheet__head">
        <h2 id={titleId} className="prep-sheet__title">
          Session-prep sheet{several ? `: ${content.walkoutCount} open walkouts` : ''}
        </h2>
        <dl className="prep-sheet__facts">
          <div>
            <dt>Client</dt>
            <dd>{content.who}</dd>
          </div>
          <div>
            <dt>{several ? 'Walkouts' : 'Walkout'}</dt>
            <dd>{content.walkoutDates.join(', ') || 'Not recorded'}</dd>
          </div>
          <div>
            <dt>Next session</dt>
            <dd>{content.nextSession || 'Not set'}</dd>
          </div>
        </dl>
      </header>
      <div className="prep-sheet__body" data-fit-body>
        {content.sections.map((section) => (
          <Section key={section.id} section={section} fit={fit} />
        ))}
      </div>
      <section className="prep-sheet__notes" aria-label="Notes during the session" data-fit-notes>
        <h3 className="sheet-section__title">Notes</h3>
        <div className="prep-sheet__rules" aria-hidden="true">
          {Array.from({ length: RULED_LINES }, (_, index) => (
            <div key={index} className="prep-sheet__rule" />
          ))}
        </div>
      </section>
    </article>
  )
}

function Section({ section, fit }: { section: SheetSection; fit: SheetFit }) {
  const titleId = useId()
  return (
    <section
      className={`sheet-section sheet-section--${section.id}`}
      data-fit-section={section.id}
      aria-labelledby={titleId}
    >
      <h3 id={titleId} className="sheet-section__title">
        {section.title}
        {section.note && <span className="sheet-section__note">{section.note}</span>}
      </h3>
      {section.groups.map((group, index) => (
        <Group key={index} group={group} fit={fit[section.id]?.[index]} />
      ))}
    </section>
  )
}

function Group({ group, fit }: { group: SheetGroup; fit: GroupFit | undefined }) {
  const { blocks, markerLine } = applyFit(group, fit)
  return (
    <div
      className={group.heading ? 'sheet-group sheet-group--dated' : 'sheet-group'}
      data-fit-group=""
    >
      {group.heading && (
        <p className="sheet-group__heading">
          <span className="visually-hidden">Walkout of </span>
          {group.heading}
        </p>
      )}
      <div className="sheet-group__lines">
        <ul className="sheet-lines">
          {blocks.map((block, index) => (
            <li
              key={index}
              data-fit-block=""
              className={[
                'sheet-line',
                block.bullet ? 'sheet-line--bullet' : '',
                block.strong ? 'sheet-line--strong' : '',
                block.muted ? 'sheet-line--muted' : '',
              ]
                .filter(Boolean)
                .join(' ')}
            >
              {block.label && <span className="sheet-line__label">{block.label}: </span>}
              <span data-fit-text="">{block.text}</span>
              <span className="sheet-line__continues" data-fit-capped="" hidden={!block.capped}>
                {` ${CONTINUES}`}
              </span>
            </li>
          ))}
        </ul>
        <p className="sheet-group__continues" data-fit-continues="" hidden={!markerLine}>
          {CONTINUES}
        </p>
      </div>
    </div>
  )
}
