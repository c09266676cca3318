import { PLACEHOLDER_NAMES, PLACEHOLDERS } from '../../domain/letters'

/** The placeholders a template may use, what each stands for and where its value comes from. */
export function PlaceholderHelp() {
  return (
    <details className="placeholder-help">
      <summary>Placeholders you can use</summary>
      <dl>
        {PLACEHOLDER_NAMES.map((name) => (
          <div key={name}>
            <dt>
              <code>{`{{${name}}}`}</code>
            </dt>
            <dd>
              {PLACEHOLDERS[name].meaning}, from {PLACEHOLDERS[name].where}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  )
}
