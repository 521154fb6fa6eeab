import { PageTitle } from './PageTitle';

/** The page of a brick that is still being built: its title and what it will do. */
export function BrickPage({ title, summary }: { title: string; summary: string }) {
  return (
    <article class="page">
      <PageTitle>{title}</PageTitle>
      <p class="lead">{summary}</p>
      <p class="notice">Ce module est en cours de construction : ses écrans arriveront dans une prochaine version.</p>
    </article>
  );
}
