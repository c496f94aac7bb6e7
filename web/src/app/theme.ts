import { type CSSVariablesResolver, createTheme } from '@mantine/core';

/**
 * Mantine's default look with contrast raised to WCAG AA (axe checks every page): the primary
 * colour at shade 8 (white text on it reaches 4.5:1), "dimmed" text at gray 7, errors at red 9.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  autoContrast: true,
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif',
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});

/** The nonce the server put into this page (Vite's csp-nonce meta tag) for Mantine's <style> tags. */
export function styleNonce(): string {
  return document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? '';
}
