// The page over the example's JSON API: a listing paged by cursor, narrowed by the tags clicked, a tag cloud, and
// a tag field per article completing from the library's suggestions. Text from the server is only ever set as
// text (textContent), never as HTML.
'use strict';

const PAGE_SIZE = 5;
const state = { tags: [], after: null, next: null };

async function api(method, path) {
  const response = await fetch(path, { method, headers: { Accept: 'application/json' } });
  const body = response.status === 204 ? null : await response.json();
  if (!response.ok) {
    throw new Error(body && body.detail ? body.detail : `${method} ${path}: ${response.status}`);
  }
  return body;
}

function showError(error) {
  const box = document.getElementById('error');
  box.textContent = error.message;
  box.hidden = false;
}

function clearError() {
  document.getElementById('error').hidden = true;
}

/** One tag as a button that narrows the listing to it, with its count where known. */
function tagButton(name, count) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'narrow';
  button.textContent = name;
  button.title = `Only articles tagged ${name}`;
  button.addEventListener('click', () => narrow(name));
  if (count !== undefined) {
    const shown = document.createElement('span');
    shown.className = 'count';
    shown.textContent = String(count);
    button.append(shown);
  }
  return button;
}

async function loadCloud() {
  const cloud = document.getElementById('cloud');
  const counts = await api('GET', '/tags/cloud?size=30');
  cloud.replaceChildren(...counts.map(tag => {
    const item = document.createElement('li');
    item.className = 'tag';
    item.dataset.name = tag.name;
    item.append(tagButton(tag.name, tag.articles));
    return item;
  }));
}

async function loadPage(after) {
  const query = new URLSearchParams();
  state.tags.forEach(tag => query.append('tag', tag));
  query.set('size', String(PAGE_SIZE));
  if (after) {
    query.set('after', after);
  }
  const page = await api('GET', `/articles?${query}`);
  state.after = after;
  state.next = page.next;
  document.getElementById('articles').replaceChildren(...page.items.map(renderArticle));
  document.getElementById('next').disabled = page.next === null;
  document.getElementById('first').disabled = !after;
  renderFilter();
}

function renderFilter() {
  const filter = document.getElementById('filter');
  if (state.tags.length === 0) {
    filter.replaceChildren('All articles. ');
    const hint = document.createElement('span');
    hint.className = 'hint';
    hint.textContent = 'Click a tag to narrow the list.';
    filter.append(hint);
    return;
  }
  filter.replaceChildren('Tagged ');
  state.tags.forEach(tag => {
    const chip = document.createElement('button');
    chip.type = 'button';
    chip.className = 'filter-tag';
    chip.textContent = `${tag} ×`;
    chip.title = `Show articles without requiring ${tag}`;
    chip.addEventListener('click', () => widen(tag));
    filter.append(chip, ' ');
  });
}

function renderArticle(article) {
  const item = document.getElementById('article').content.firstElementChild.cloneNode(true);
  item.dataset.id = String(article.id);
  item.querySelector('.title').textContent = article.title;
  item.querySelector('.tags').replaceChildren(...article.tags.map(tag => {
    const chip = document.createElement('li');
    chip.className = 'tag';
    chip.dataset.name = tag.name;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'remove';
    remove.textContent = '×';
    remove.setAttribute('aria-label', `Remove ${tag.name}`);
    remove.addEventListener('click', () => change(item, () => api('DELETE',
        `/articles/${article.id}/tags/${encodeURIComponent(tag.name)}`)));
    chip.append(tagButton(tag.name), remove);
    return chip;
  }));
  const form = item.querySelector('.add-tag');
  const input = form.querySelector('.tag-input');
  const completions = form.querySelector('.completions');
  // What is typed is a tag list (java, "spring boot"), as the API takes it; a completion picked is one name.
  const addTyped = tagList => change(item, () => api('POST',
      `/articles/${article.id}/tags?tags=${encodeURIComponent(tagList)}`));
  // The piece being typed, after the last comma, is what completes; a completion picked replaces it.
  const typing = () => {
    const comma = input.value.lastIndexOf(',');
    return { before: input.value.slice(0, comma + 1), prefix: input.value.slice(comma + 1).trim() };
  };
  let typed = 0;
  input.addEventListener('input', async () => {
    const prefix = typing().prefix;
    const asked = ++typed;
    if (prefix === '') {
      completions.replaceChildren();
      return;
    }
    try {
      const found = await api('GET', `/tags/suggestions?prefix=${encodeURIComponent(prefix)}&size=8`);
      if (asked !== typed) {
        return; // the user typed on meanwhile
      }
      completions.replaceChildren(...found.map(tag => {
        const option = document.createElement('li');
        option.setAttribute('role', 'option');
        option.dataset.name = tag.name;
        option.textContent = `${tag.name} (${tag.articles})`;
        option.addEventListener('click', () => addTyped(typing().before + quoted(tag.name)));
        return option;
      }));
    } catch (error) {
      showError(error);
    }
  });
  form.addEventListener('submit', event => {
    event.preventDefault();
    if (input.value.trim() !== '') {
      addTyped(input.value);
    }
  });
  return item;
}

/** A name as one entry of a typed tag list: in quotes, with quotes doubled, so commas and spaces stay in it. */
function quoted(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Runs a change of an article's tags, then shows the article and the cloud as the server now has them. */
async function change(item, request) {
  clearError();
  try {
    const article = await request();
    item.replaceWith(renderArticle(article));
    await loadCloud();
  } catch (error) {
    showError(error);
  }
}

function narrow(tag) {
  if (!state.tags.includes(tag)) {
    state.tags.push(tag);
  }
  refresh(null);
}

function widen(tag) {
  state.tags = state.tags.filter(kept => kept !== tag);
  refresh(null);
}

function refresh(after) {
  clearError();
  loadPage(after).catch(showError);
}

document.getElementById('next').addEventListener('click', () => refresh(state.next));
document.getElementById('first').addEventListener('click', () => refresh(null));
Promise.all([loadPage(null), loadCloud()]).catch(showError);
