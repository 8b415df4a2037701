"use client";
import { useCallback, useEffect, useState } from "react";

const SOUND_KEY = "tabletap.kds.sound";

/** Whether this screen chimes for new tickets: off by default, remembered in localStorage. */
export function useSoundPreference(): [sound: boolean, setSound: (on: boolean) => void] {
  const [sound, setSound] = useState(false);
  useEffect(() => {
    setSound(window.localStorage.getItem(SOUND_KEY) === "on");
  }, []);
  const toggle = useCallback((on: boolean) => {
    setSound(on);
    window.localStorage.setItem(SOUND_KEY, on ? "on" : "off");
  }, []);
  return [sound, toggle];
}
