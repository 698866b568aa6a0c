/** Logging in to the district web app (packages/web) through its form, as its own and the resident app's journeys do. */
import type { Page } from 'playwright-core';

/** Fills the Vietnamese login form at `baseUrl` and waits for the app shell's navigation. */
export async function logIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  try {
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('navigation').waitFor();
  } catch (err) {
    // Say what the page showed instead, so a failure on a loaded machine can be told apart from a bug.
    const body = await page
      .locator('body')
      .textContent()
      .catch(() => null);
    const shown = (body ?? '').slice(0, 300);
    throw new Error(`logging in as ${username} failed at ${page.url()}; the page showed: ${JSON.stringify(shown)}`, {
      cause: err,
    });
  }
}
