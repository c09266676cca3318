import type { MenuItemConstructorOptions } from 'electron'

/**
 * The application menu from the platform's standard roles. Reload and developer tools appear
 * only in development: in production a reload could discard what is being typed.
 */
/** The shortcut of "Client walked out", shown in the menu and the button's tooltip. */
export const WALKOUT_ACCELERATOR = 'CmdOrCtrl+Shift+W'

export function buildMenuTemplate(
  platform: NodeJS.Platform,
  opts: { isDev: boolean; appName: string; onWalkout?: () => void },
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin'
  const template: MenuItemConstructorOptions[] = []
  if (isMac) {
    template.push({
      label: opts.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    })
  }
  template.push({ role: 'fileMenu' })
  if (opts.onWalkout) {
    const onWalkout = opts.onWalkout
    template.push({
      label: 'Record',
      submenu: [
        { label: 'Client walked out', accelerator: WALKOUT_ACCELERATOR, click: () => onWalkout() },
      ],
    })
  }
  template.push({ role: 'editMenu' })
  const viewItems: MenuItemConstructorOptions[] = opts.isDev
    ? [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
      ]
    : []
  template.push({
    label: 'View',
    submenu: [
      ...viewItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  })
  template.push({ role: 'windowMenu' })
  return template
}

/** Roles (recursively) present in a template: what the tests inspect. */
export function menuRoles(template: MenuItemConstructorOptions[]): string[] {
  const roles: string[] = []
  for (const item of template) {
    if (item.role) roles.push(item.role)
    if (Array.isArray(item.submenu)) roles.push(...menuRoles(item.submenu))
  }
  return roles
}
