// Deployment values. `npm run build` rewrites this file from ZEGO_APP_ID, ZEGO_SERVER, TOKEN_URL
// (and AUTH_MODE) when they are set; the placeholders below make the entry page say "not configured".
// The ZEGO ServerSecret never belongs here: tokens are made by server/, not by the mini-program.
export const configValues = {
  appID: 0,
  server: 'wss://webliveroom-test.zego.im/ws',
  tokenUrl: '',
  authMode: 'dev',
};
