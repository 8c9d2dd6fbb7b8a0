/**
 * The connections this process holds, and the one LISTEN that feeds them. Nothing here is the
 * truth: every event comes back from the database's notifications, so a visitor on one server
 * and an advocate on another see the same chat.
 */
import type { Actor } from '../../platform/auth/actor';
import type { AppServices } from '../../platform/http/route';
import type { ToAdvocate, ToVisitor } from './schema';
import { CHANNEL, endAbandonedChats, type WireEvent } from './service';
import * as store from './store';

export interface VisitorPeer {
  chatId: string;
  hotlineId: string;
  waiting: boolean;
  send(e: ToVisitor): void;
}

export interface AdvocatePeer {
  actor: Actor;
  /** The chats this connection shows; events for them reach it. */
  open: Set<string>;
  send(e: ToAdvocate): void;
}

/** Many queue changes in a burst (a busy evening) become one query per hotline per process. */
const QUEUE_DEBOUNCE_MS = 15;
const SWEEP_MS = 30_000;

export interface ChatHub {
  addVisitor(p: VisitorPeer): void;
  removeVisitor(p: VisitorPeer): void;
  addAdvocate(p: AdvocatePeer): void;
  removeAdvocate(p: AdvocatePeer): void;
  openFor(p: AdvocatePeer, chatId: string): void;
  close(): Promise<void>;
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}
function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

export async function createHub(app: AppServices, onError: (err: unknown) => void): Promise<ChatHub> {
  const db = app.database.db;
  const visitorsByChat = new Map<string, Set<VisitorPeer>>();
  const visitorsByHotline = new Map<string, Set<VisitorPeer>>();
  const advocatesByHotline = new Map<string, Set<AdvocatePeer>>();
  const advocatesByChat = new Map<string, Set<AdvocatePeer>>();
  const pendingQueue = new Map<string, NodeJS.Timeout>();

  const refreshQueue = async (hotlineId: string): Promise<void> => {
    const visitors = visitorsByHotline.get(hotlineId);
    const advocates = advocatesByHotline.get(hotlineId);
    if (!visitors?.size && !advocates?.size) return;
    const waiting = await store.listWaiting(db, hotlineId);
    const position = new Map(waiting.map((w, i) => [w.chatId, i + 1]));
    for (const v of visitors ?? []) {
      const p = position.get(v.chatId);
      v.waiting = p !== undefined;
      if (p !== undefined) v.send({ type: 'queue', position: p });
    }
    for (const a of advocates ?? []) a.send({ type: 'queue', chats: waiting });
  };
  const scheduleQueue = (hotlineId: string): void => {
    if (pendingQueue.has(hotlineId)) return;
    pendingQueue.set(
      hotlineId,
      setTimeout(() => {
        pendingQueue.delete(hotlineId);
        refreshQueue(hotlineId).catch(onError);
      }, QUEUE_DEBOUNCE_MS),
    );
  };

  const deliver = (e: WireEvent): void => {
    switch (e.k) {
      case 'queue':
        scheduleQueue(e.h);
        return;
      case 'msg':
        if (e.m.from === 'advocate') {
          for (const v of visitorsByChat.get(e.c) ?? []) v.send({ type: 'message', message: e.m });
        }
        // Every console tab showing the chat gets it (the sender's too; the console drops duplicates by id).
        for (const a of advocatesByChat.get(e.c) ?? [])
          a.send({ type: 'message', chatId: e.c, message: e.m });
        return;
      case 'typing':
        if (e.from === 'advocate') {
          for (const v of visitorsByChat.get(e.c) ?? []) v.send({ type: 'typing', typing: e.on });
        } else {
          for (const a of advocatesByChat.get(e.c) ?? [])
            a.send({ type: 'typing', chatId: e.c, typing: e.on });
        }
        return;
      case 'accepted':
        for (const v of visitorsByChat.get(e.c) ?? []) {
          v.waiting = false;
          v.send({ type: 'accepted' });
        }
        return;
      case 'ended':
        for (const v of visitorsByChat.get(e.c) ?? []) v.send({ type: 'ended', by: e.by });
        for (const a of advocatesByChat.get(e.c) ?? []) a.send({ type: 'ended', chatId: e.c, by: e.by });
        return;
      case 'presence':
        for (const a of advocatesByChat.get(e.c) ?? []) {
          a.send({ type: 'presence', chatId: e.c, present: e.present });
        }
        return;
    }
  };

  const unsubscribe = await app.notifier.subscribe(CHANNEL, (payload) => {
    try {
      deliver(JSON.parse(payload) as WireEvent);
    } catch (err) {
      onError(err);
    }
  });
  const sweeper = setInterval(() => {
    void endAbandonedChats(db).catch(onError);
    // Also heals what a dropped LISTEN connection may have missed while it reconnected.
    for (const h of new Set([...visitorsByHotline.keys(), ...advocatesByHotline.keys()])) scheduleQueue(h);
  }, SWEEP_MS);
  sweeper.unref();

  return {
    addVisitor: (p) => {
      addTo(visitorsByChat, p.chatId, p);
      addTo(visitorsByHotline, p.hotlineId, p);
    },
    removeVisitor: (p) => {
      removeFrom(visitorsByChat, p.chatId, p);
      removeFrom(visitorsByHotline, p.hotlineId, p);
    },
    addAdvocate: (p) => addTo(advocatesByHotline, p.actor.hotlineId, p),
    removeAdvocate: (p) => {
      removeFrom(advocatesByHotline, p.actor.hotlineId, p);
      for (const c of p.open) removeFrom(advocatesByChat, c, p);
    },
    openFor: (p, chatId) => {
      p.open.add(chatId);
      addTo(advocatesByChat, chatId, p);
    },
    close: async () => {
      clearInterval(sweeper);
      for (const t of pendingQueue.values()) clearTimeout(t);
      await unsubscribe();
    },
  };
}
