import { createRequire } from 'node:module';

/**
 * The Noto Sans files shipped in node_modules, resolved from this module's own location so PNG text
 * renders the same on a bare machine and from any working directory.
 */
const require = createRequire(import.meta.url);

export const REPORT_FONT_FAMILY = 'Noto Sans';

export function bundledFontFiles(): string[] {
  return [
    require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
    require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
  ];
}
