import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePageTitle } from '../app/page-title';

/** The frame of the sign-in pages: a narrow card, readable on a phone. */
export function AuthCard({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <Paper maw={440} mx="auto" mt={{ base: 0, sm: 'xl' }} p={{ base: 'md', sm: 'xl' }} withBorder>
      <Stack gap="md">
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text>{intro}</Text>
        {children}
      </Stack>
    </Paper>
  );
}
