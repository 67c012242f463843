'use client'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import type { EChartsCoreOption } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import React, { useEffect, useRef } from 'react'

// Only the parts drawn here, bundled with the admin (nothing loaded from outside); the canvas renderer
// needs no eval, which the admin's CSP forbids.
echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, DatasetComponent, CanvasRenderer])

/** One Apache ECharts chart on a canvas, resized with its box; `option` is ECharts' own option object. */
export function EChart({ option, height = 320, name }: { option: EChartsCoreOption; height?: number; name: string }) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!box.current) return
    const chart = echarts.init(box.current, null, { renderer: 'canvas' })
    chart.setOption(option)
    const observer = new ResizeObserver(() => chart.resize())
    observer.observe(box.current)
    return () => {
      observer.disconnect()
      chart.dispose()
    }
  }, [option])
  return <div ref={box} className="analytics-chart" data-chart={name} style={{ width: '100%', height }} />
}
