/** Values of the right shape for every placeholder of appPackage/ (tests only). */
export const SAMPLE_VALUES: Readonly<Record<string, string>> = {
  TEAMS_APP_ID: '6f1e3c1a-2b4d-4e5f-8a9b-0c1d2e3f4a5b',
  BOT_ID: '0b07b07b-0000-4000-8000-000000000b07',
  BOT_DOMAIN: 'partner-merge.example.com',
  APP_NAME_SUFFIX: '-local',
  DEVELOPER_NAME: 'Partner merge bot',
  DEVELOPER_WEBSITE_URL: 'https://www.example.com/partner-merge-bot',
  DEVELOPER_PRIVACY_URL: 'https://www.example.com/partner-merge-bot/privacy',
  DEVELOPER_TERMS_URL: 'https://www.example.com/partner-merge-bot/terms',
};
