/** The walkout record: the step registry, the incident and its rules, addenda. */
export * from './addendum'
export * from './ending'
export * from './fields'
export * from './incident'
export * from './rules'
export * from './step'
export * from './steps'
export * from './summary'
